package com.codexmanager.gateway.routing;

/** Why an account was not tried for a request; written to the trace log as {@code CANDIDATE_SKIP reason=…}. */
public enum SkipReason {
    COOLDOWN("cooldown"),
    INFLIGHT_LIMIT("inflight_limit"),
    EXHAUSTED("exhausted"),
    DISABLED("disabled"),
    NEEDS_LOGIN("needs_login"),
    MISSING_TOKEN("missing_token"),
    NOT_IN_KEY_GROUP("not_in_key_group");

    private final String code;

    SkipReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
