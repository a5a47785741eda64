package com.codexmanager.auth;

import java.time.Instant;

/**
 * A started device-code login: show {@code userCode} and {@code verificationUri} to the user, then follow
 * {@code account/login/status {loginId}} until it is no longer {@code pending}. Immutable.
 *
 * @param method              always {@code device}
 * @param expiresAt           the code is void after this instant (15 minutes after the start)
 * @param pollIntervalSeconds how often the service asks the issuer, as the issuer asked
 */
public record DeviceLoginStart(String loginId, String method, String userCode, String verificationUri,
        Instant expiresAt, long pollIntervalSeconds) {
}
