package com.codexmanager.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes platform keys and their digests. A key is {@code cmk_} followed by 32 random bytes in unpadded base64url
 * (43 characters); the log redactor recognises the prefix. Stateless, thread-safe.
 */
final class KeySecrets {
    static final String KEY_PREFIX = "cmk_";
    static final int RANDOM_BYTES = 32;
    /** Characters of the key kept for display: the prefix plus 8 of the 43 random ones (48 of 256 bits). */
    static final int DISPLAY_CHARS = KEY_PREFIX.length() + 8;
    /** Longer inputs are not hashed: no key we issue is that long. */
    static final int MAX_PRESENTED_LENGTH = 512;
    /** Never used itself: each hash works on a clone, so the shared instance is never in a half-hashed state. */
    private static final MessageDigest SHA_256 = sha256();

    /** A freshly generated key: shown to the user once, then only its hash and prefix are kept. */
    record NewKey(String plaintext, String hash, String displayPrefix) {
        @Override
        public String toString() {
            return "NewKey{prefix=" + displayPrefix + "}";
        }
    }

    private KeySecrets() {
    }

    static NewKey generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new NewKey(key, sha256Hex(key), key.substring(0, DISPLAY_CHARS));
    }

    static String randomId(SecureRandom random) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "gk_" + HexFormat.of().formatHex(bytes);
    }

    /** Runs on every gateway request: a clone skips the provider lookup that {@code getInstance} repeats. */
    static String sha256Hex(String text) {
        try {
            MessageDigest digest = (MessageDigest) SHA_256.clone();
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JRE's SHA-256 cannot be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JRE", e);
        }
    }
}
