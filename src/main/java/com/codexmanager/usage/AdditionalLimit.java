package com.codexmanager.usage;

/**
 * A metered family besides the main Codex limit ({@code additional_rate_limits[]}, e.g. {@code codex_other} /
 * "GPT-5.3-Codex-Spark", or a top-level {@code code_review_rate_limit}). Shown to the user; it does not change the
 * account's availability, which follows the main limit only. Immutable.
 *
 * @param limitName      display name; nullable
 * @param meteredFeature the limit id ({@code metered_feature}, or the top-level key); nullable
 * @param primary        the short (≤ 1 day) window; nullable
 * @param secondary      the long window; nullable
 */
public record AdditionalLimit(String limitName, String meteredFeature, boolean limitReached, UsageWindow primary,
        UsageWindow secondary) {
}
