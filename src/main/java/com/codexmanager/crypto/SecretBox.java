package com.codexmanager.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals short secrets (OAuth tokens) with AES-256-GCM under the {@link MasterKey}.
 *
 * <p>Sealed form: {@code v1:<keyId>:<base64url(iv ‖ ciphertext ‖ tag)>} with a fresh 96-bit IV per value. The
 * {@code context} (for example {@code "acc_123/refresh_token"}) is authenticated as associated data, so a
 * ciphertext copied into another row or column does not open. Thread-safe: a new {@link Cipher} per call.
 */
public final class SecretBox {
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey key;
    private final SecureRandom random;

    public SecretBox(MasterKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** Encrypts {@code plaintext} bound to {@code context}. */
    public String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return VERSION + ":" + key.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a value sealed by {@link #seal} with the same context.
     *
     * @throws SecretUnavailableException when the value was sealed under another key or is damaged
     */
    public String open(String sealed, String context) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new SecretUnavailableException("stored secret has an unknown format");
        }
        if (!parts[1].equals(key.id())) {
            throw new SecretUnavailableException("stored secret was encrypted with another master key (the key file "
                    + "was lost or replaced); log in to this account again");
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(parts[2]);
            if (raw.length <= IV_BYTES) {
                throw new SecretUnavailableException("stored secret is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new SecretUnavailableException("stored secret failed its integrity check; log in to this account "
                    + "again", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
