package com.codexmanager.auth;

import java.time.Instant;

/**
 * A started browser login: open {@code authUrl}; the callback arrives at {@code redirectUri}. Immutable.
 *
 * @param expiresAt the session ends unfinished after this instant (15 minutes after the start)
 */
public record LoginStart(String loginId, String type, String authUrl, String redirectUri, String issuer,
        String clientId, Instant expiresAt) {
}
