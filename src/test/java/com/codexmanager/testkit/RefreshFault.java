package com.codexmanager.testkit;

/**
 * A scripted outcome for one refresh-token grant of an account ({@link FakeAccount#enqueueRefreshFaults}).
 * Each fault is used by exactly one {@code grant_type=refresh_token} call.
 */
public enum RefreshFault {
    /** 401 {@code refresh_token_expired}; the presented token is dead afterwards. */
    REFRESH_TOKEN_EXPIRED,
    /** 401 {@code refresh_token_invalidated}; the presented token is dead afterwards. */
    REFRESH_TOKEN_INVALIDATED,
    /** A transient 500; the presented token stays valid and is not rotated. */
    SERVER_ERROR,
    /** A normal rotation whose response leaves out {@code id_token} (allowed by the protocol). */
    OMIT_ID_TOKEN
}
