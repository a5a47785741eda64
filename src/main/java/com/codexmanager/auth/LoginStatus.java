package com.codexmanager.auth;

import java.time.Instant;

/**
 * The state of one login as {@code account/login/status} reports it. {@code status} is one of {@code pending},
 * {@code completing}, {@code success}, {@code failed}, {@code expired}, {@code cancelled}. {@code error} and
 * {@code errorCode} are set for failures, {@code accountId}/{@code email} on success; otherwise {@code null}.
 * Immutable.
 */
public record LoginStatus(String loginId, String status, String error, String errorCode, String accountId,
        String email, Instant createdAt, Instant updatedAt, Instant expiresAt) {
}
