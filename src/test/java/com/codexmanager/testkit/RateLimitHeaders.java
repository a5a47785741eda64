package com.codexmanager.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code x-codex-*} headers of codex-protocol.md §2.6 and §2.8, built from the same {@link QuotaSnapshot}
 * that {@code /wham/usage} reports, so both always agree. Stateless.
 */
final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    static Map<String, String> of(QuotaSnapshot quota, String planType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-codex-plan-type", planType);
        if (quota.shape() != UsageShape.NONE) {
            headers.put("x-codex-active-limit", "codex");
            quota.primaryWindow().ifPresent(window -> window(headers, "x-codex-primary-", window));
            if (quota.secondary() != null) {
                window(headers, "x-codex-secondary-", quota.secondary());
            } else {
                headers.put("x-codex-secondary-used-percent", "0");
                headers.put("x-codex-secondary-window-minutes", "0");
            }
            headers.put("x-codex-primary-over-secondary-limit-percent", "0");
        }
        headers.put("x-codex-credits-has-credits", "False");
        headers.put("x-codex-credits-balance", "0");
        headers.put("x-codex-credits-unlimited", "False");
        if (quota.hasAdditionalLimits()) {
            window(headers, "x-codex-other-primary-", quota.otherPrimary());
            window(headers, "x-codex-other-secondary-", quota.otherSecondary());
            headers.put("x-codex-other-limit-name", QuotaSnapshot.OTHER_LIMIT_NAME);
        }
        return headers;
    }

    private static void window(Map<String, String> headers, String prefix, QuotaWindow window) {
        headers.put(prefix + "used-percent", Json.percentText(window.usedPercent()));
        headers.put(prefix + "window-minutes", Long.toString(window.windowMinutes()));
        headers.put(prefix + "reset-after-seconds", Long.toString(window.resetAfterSeconds()));
        headers.put(prefix + "reset-at", Long.toString(window.resetAtEpochSecond()));
    }
}
