package com.codexmanager.testkit;

/** A scripted outcome for the next {@code GET /oauth/authorize} ({@link FakeUpstream#failNextAuthorize}). */
public enum AuthorizeFault {
    /**
     * Redirects with {@code error=access_denied} and an {@code error_description} that contains
     * {@code missing_codex_entitlement}.
     */
    ACCESS_DENIED,
    /** Redirects with a valid code but a {@code state} that differs from the one sent. */
    WRONG_STATE
}
