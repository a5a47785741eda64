package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code GET /backend-api/wham/usage} and {@code GET /api/codex/usage} (codex-protocol.md §3.2, §9.3). Like the
 * real endpoint it never refreshes: an expired token gets 401 {@code token_expired}. Thread-safe.
 */
final class UsageEndpoint {
    private final BackendAuth auth;
    private final Clock clock;

    UsageEndpoint(BackendAuth auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
    }

    void usage(Context ctx) {
        Optional<FakeAccount> caller = auth.authenticate(ctx);
        if (caller.isEmpty()) {
            return;
        }
        FakeAccount account = caller.get();
        QuotaSnapshot quota = account.quota().snapshot(clock.instant());
        Replies.json(ctx, 200, Json.obj(
                "user_id", account.userId(),
                "account_id", account.userId(),
                "email", account.email(),
                "plan_type", account.planType(),
                "rate_limit", quota.shape() == UsageShape.NONE ? null
                        : rateLimit(quota.primary(), quota.secondary()),
                "code_review_rate_limit", null,
                "additional_rate_limits", quota.hasAdditionalLimits() ? Json.arr(Json.obj(
                        "limit_name", QuotaSnapshot.OTHER_LIMIT_NAME,
                        "metered_feature", QuotaSnapshot.OTHER_METERED_FEATURE,
                        "rate_limit", rateLimit(quota.otherPrimary(), quota.otherSecondary()))) : null,
                "credits", Json.obj("has_credits", false, "unlimited", false, "overage_limit_reached", false,
                        "balance", "0"),
                "spend_control", Json.obj("reached", false, "individual_limit", null),
                "rate_limit_reached_type", null,
                "promo", null,
                "referral_beacon", null));
    }

    private static JsonObject rateLimit(QuotaWindow primary, QuotaWindow secondary) {
        boolean reached = (primary != null && primary.exhausted()) || (secondary != null && secondary.exhausted());
        return Json.obj("allowed", !reached, "limit_reached", reached,
                "primary_window", window(primary), "secondary_window", window(secondary));
    }

    private static JsonObject window(QuotaWindow window) {
        if (window == null) {
            return null;
        }
        return Json.obj("used_percent", Json.percent(window.usedPercent()),
                "limit_window_seconds", window.windowSeconds(),
                "reset_after_seconds", window.resetAfterSeconds(),
                "reset_at", window.resetAtEpochSecond());
    }
}
