package com.codexmanager.apikey;

/**
 * Encrypts secrets that must be stored reversibly (the Azure {@code api-key} of {@code azure_openai} keys).
 *
 * <p>The production binding is the application's {@code crypto.SecretBox} (AES-GCM under the master key in the
 * data dir). Implementations must be thread-safe and must never put the plaintext into exception messages.
 */
public interface SecretSealer {
    /** Encrypts {@code plaintext} into a printable string safe to store. */
    String seal(String plaintext);

    /**
     * Decrypts a value made by {@link #seal}.
     *
     * @throws SecretUnavailableException when the value cannot be decrypted (e.g. the master key was lost)
     */
    String open(String sealed);

    /** A sealer for services started without secret storage: every call fails with a clear message. */
    static SecretSealer unavailable() {
        return new SecretSealer() {
            @Override
            public String seal(String plaintext) {
                throw new SecretUnavailableException("secret storage is not configured in this build");
            }

            @Override
            public String open(String sealed) {
                throw new SecretUnavailableException("secret storage is not configured in this build");
            }
        };
    }

    /** A stored secret cannot be sealed or opened. The message never contains the secret. */
    final class SecretUnavailableException extends RuntimeException {
        public SecretUnavailableException(String message) {
            super(message);
        }

        public SecretUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
