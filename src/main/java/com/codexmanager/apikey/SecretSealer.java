package com.codexmanager.apikey;

/**
 * Encrypts secrets that must be stored reversibly (the Azure {@code api-key} of {@code azure_openai} keys). The
 * {@code context} names where the value lives (e.g. {@code gk_…/azure_api_key}); a sealed value only opens with
 * the same context, so a ciphertext copied to another row is useless.
 *
 * <p>The service binds {@link SecretBoxSealer} (AES-GCM under the master key in the data dir). Implementations are
 * thread-safe and never put the plaintext into exception messages.
 */
public interface SecretSealer {
    /** Encrypts {@code plaintext} into a printable string safe to store. */
    String seal(String plaintext, String context);

    /**
     * Decrypts a value made by {@link #seal} with the same context.
     *
     * @throws SecretUnavailableException when the value cannot be decrypted (e.g. the master key was lost)
     */
    String open(String sealed, String context);

    /** A stored secret cannot be sealed or opened. The message never contains the secret. */
    final class SecretUnavailableException extends RuntimeException {
        public SecretUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }

        public SecretUnavailableException(String message) {
            super(message);
        }
    }
}
