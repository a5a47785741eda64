package com.codexmanager.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** PKCE S256 and state values as the Codex CLI makes them (codex-protocol.md §1.2). Thread-safe. */
public final class Pkce {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {
    }

    /** 64 random bytes, base64url without padding (86 characters). */
    public static String newVerifier() {
        return randomBase64Url(64);
    }

    /** 32 random bytes, base64url without padding. */
    public static String newState() {
        return randomBase64Url(32);
    }

    /** base64url (no padding) of SHA-256 over the ASCII verifier. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return BASE64URL.encodeToString(random);
    }
}
