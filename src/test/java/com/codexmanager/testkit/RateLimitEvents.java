package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebSocket-only {@code codex.rate_limits} frames (codex-protocol.md §2.7) that the backend sends before
 * {@code response.created}, because a WebSocket client cannot read the upgrade's headers. Built from the same
 * {@link QuotaSnapshot} as {@link RateLimitHeaders}, so both transports report the same numbers: one frame for the
 * {@code codex} family and, when the account has one, one for the additional {@code codex_other} family. Stateless.
 */
final class RateLimitEvents {
    static final String TYPE = "codex.rate_limits";

    private RateLimitEvents() {
    }

    static List<JsonObject> of(QuotaSnapshot quota, String planType) {
        List<JsonObject> frames = new ArrayList<>();
        JsonObject limits = quota.shape() == UsageShape.NONE ? null
                : Json.obj("primary", window(quota.primary()), "secondary", window(quota.secondary()));
        frames.add(Json.obj("type", TYPE, "plan_type", planType, "rate_limits", limits,
                "credits", Json.obj("has_credits", false, "unlimited", false, "balance", "0"),
                "metered_limit_name", "codex"));
        if (quota.hasAdditionalLimits()) {
            frames.add(Json.obj("type", TYPE, "plan_type", planType, "rate_limits", Json.obj(
                    "primary", window(quota.otherPrimary()), "secondary", window(quota.otherSecondary())),
                    "credits", null, "metered_limit_name", QuotaSnapshot.OTHER_METERED_FEATURE));
        }
        return frames;
    }

    /** {@code null} for an absent window, as the backend sends it. */
    private static JsonObject window(QuotaWindow window) {
        if (window == null) {
            return null;
        }
        return Json.obj("used_percent", window.usedPercent(), "window_minutes", window.windowMinutes(),
                "reset_at", window.resetAtEpochSecond());
    }
}
