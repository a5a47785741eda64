package com.codexmanager.gateway.routing;

/** Why an account was not tried for a request; written to the trace log as {@code CANDIDATE_SKIP reason=…}. */
public enum SkipReason {
    COOLDOWN("cooldown"),
    INFLIGHT_LIMIT("inflight_limit"),
    EXHAUSTED("exhausted"),
    DISABLED("disabled"),
    NEEDS_LOGIN("needs_login"),
    MISSING_TOKEN("missing_token"),
    NOT_IN_KEY_GROUP("not_in_key_group"),
    /** The account's plan does not offer the requested model (its live catalogue says so). */
    MODEL_NOT_OFFERED("model_not_offered"),
    /** {@code headroom}: the conversation's account crossed the high-water mark, so the conversation moves. */
    OVER_HIGH_WATER("over_high_water");

    private final String code;

    SkipReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
