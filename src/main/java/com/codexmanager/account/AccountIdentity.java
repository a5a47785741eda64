package com.codexmanager.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity rule of the pool: one ChatGPT account id plus one user id is one account (a user in two workspaces
 * is two accounts). When the tokens carry neither, a fingerprint of the refresh (else access) token stands in, so
 * the same import twice still updates one row. Stateless.
 */
final class AccountIdentity {
    private AccountIdentity() {
    }

    static String key(TokenClaims claims, AccountTokens tokens) {
        if (claims.chatgptAccountId() != null || claims.userId() != null) {
            return "cgpt:" + nullToDash(claims.chatgptAccountId()) + "|user:" + nullToDash(claims.userId());
        }
        String basis = tokens.refreshToken() != null ? tokens.refreshToken() : tokens.accessToken();
        return "token:" + sha256(basis).substring(0, 40);
    }

    private static String nullToDash(String value) {
        return value == null ? "-" : value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
