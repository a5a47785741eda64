package com.codexmanager.auth;

import java.time.Instant;

/**
 * The state of one login as {@code account/login/status} reports it. {@code status} is one of {@code pending},
 * {@code completing}, {@code success}, {@code failed}, {@code expired}, {@code cancelled}. {@code error} and
 * {@code errorCode} are set for failures, {@code accountId}/{@code email} on success; otherwise {@code null}.
 * {@code method} is {@code browser} or {@code device}; a device login also carries {@code userCode},
 * {@code verificationUri} and the current {@code pollIntervalSeconds} (it grows when the issuer asks to slow down),
 * which are {@code null} for a browser login. Immutable.
 */
public record LoginStatus(String loginId, String status, String error, String errorCode, String accountId,
        String email, Instant createdAt, Instant updatedAt, Instant expiresAt, String method, String userCode,
        String verificationUri, Long pollIntervalSeconds) {
}
