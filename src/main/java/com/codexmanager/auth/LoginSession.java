package com.codexmanager.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One login in progress, by browser (PKCE, our callback) or by device code (the issuer's code page, we poll). The
 * state machine is pending → completing → success | failed, with expired and cancelled as other ends; every
 * transition is synchronised, so a callback and a pasted URL (or a poll) cannot both complete it. Holds the PKCE
 * verifier of a browser login: {@link #toString()} hides it. Thread-safe.
 */
final class LoginSession {
    enum State { PENDING, COMPLETING, SUCCESS, FAILED, EXPIRED, CANCELLED }

    static final String BROWSER = "browser";
    static final String DEVICE = "device";

    private final String loginId;
    private final String method;
    private final String state;
    private final Pkce pkce;
    private final String redirectUri;
    private final LoginRequest request;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final String userCode;
    private final String verificationUri;
    private Duration pollInterval;
    private State current = State.PENDING;
    private String error;
    private LoginException.Code errorCode;
    private String accountId;
    private String email;
    private Instant updatedAt;

    /** A browser login. */
    LoginSession(String loginId, String state, Pkce pkce, String redirectUri, LoginRequest request, Instant createdAt,
            Instant expiresAt) {
        this(loginId, BROWSER, state, pkce, redirectUri, request, createdAt, expiresAt, null, null, null);
    }

    private LoginSession(String loginId, String method, String state, Pkce pkce, String redirectUri,
            LoginRequest request, Instant createdAt, Instant expiresAt, String userCode, String verificationUri,
            Duration pollInterval) {
        this.loginId = loginId;
        this.method = method;
        this.state = state;
        this.pkce = pkce;
        this.redirectUri = redirectUri;
        this.request = request;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.updatedAt = createdAt;
        this.userCode = userCode;
        this.verificationUri = verificationUri;
        this.pollInterval = pollInterval;
    }

    /** A device-code login: the user enters {@code userCode} at {@code verificationUri}; the service polls. */
    static LoginSession device(String loginId, String redirectUri, LoginRequest request, Instant createdAt,
            Instant expiresAt, String userCode, String verificationUri, Duration pollInterval) {
        return new LoginSession(loginId, DEVICE, null, null, redirectUri, request, createdAt, expiresAt, userCode,
                verificationUri, pollInterval);
    }

    boolean browser() {
        return method.equals(BROWSER);
    }

    synchronized Duration pollInterval() {
        return pollInterval;
    }

    synchronized void pollInterval(Duration interval) {
        this.pollInterval = interval;
    }

    /** Ends a pending session as expired before its time (the issuer said the code expired). */
    synchronized void expire(String message, Instant now) {
        if (current == State.PENDING) {
            current = State.EXPIRED;
            error = message;
            errorCode = LoginException.Code.SESSION_EXPIRED;
            updatedAt = now;
        }
    }

    String loginId() {
        return loginId;
    }

    String state() {
        return state;
    }

    Pkce pkce() {
        return pkce;
    }

    String redirectUri() {
        return redirectUri;
    }

    LoginRequest request() {
        return request;
    }

    /** Expires a pending session whose time is up; returns the (possibly new) state. */
    synchronized State refresh(Instant now) {
        if (current == State.PENDING && !now.isBefore(expiresAt)) {
            current = State.EXPIRED;
            error = (browser() ? "the login session" : "the device code") + " expired after 15 minutes; start a new "
                    + "login";
            errorCode = LoginException.Code.SESSION_EXPIRED;
            updatedAt = now;
        }
        return current;
    }

    /** Claims the session for completion; throws when it is not pending (expired, finished, cancelled). */
    synchronized void claim(Instant now) {
        State s = refresh(now);
        if (s == State.EXPIRED) {
            throw new LoginException(LoginException.Code.SESSION_EXPIRED, error);
        }
        if (s != State.PENDING) {
            throw new LoginException(LoginException.Code.SESSION_CLOSED, "this login is already "
                    + s.name().toLowerCase(Locale.ROOT) + "; start a new login");
        }
        current = State.COMPLETING;
        updatedAt = now;
    }

    synchronized void succeed(String newAccountId, String newEmail, Instant now) {
        current = State.SUCCESS;
        accountId = newAccountId;
        email = newEmail;
        updatedAt = now;
    }

    /** Fails a pending or completing session; ignored once it has ended. */
    synchronized void fail(LoginException e, Instant now) {
        if (current == State.PENDING || current == State.COMPLETING) {
            current = State.FAILED;
            error = e.getMessage();
            errorCode = e.code();
            updatedAt = now;
        }
    }

    synchronized boolean cancel(Instant now) {
        if (current != State.PENDING) {
            return false;
        }
        current = State.CANCELLED;
        updatedAt = now;
        return true;
    }

    synchronized boolean open() {
        return current == State.PENDING || current == State.COMPLETING;
    }

    synchronized LoginStatus view() {
        return new LoginStatus(loginId, current.name().toLowerCase(Locale.ROOT), error,
                errorCode == null ? null : errorCode.name().toLowerCase(Locale.ROOT), accountId, email, createdAt,
                updatedAt, expiresAt, method, userCode, verificationUri,
                pollInterval == null ? null : pollInterval.toSeconds());
    }

    @Override
    public String toString() {
        return "LoginSession[" + loginId + "]";
    }
}
