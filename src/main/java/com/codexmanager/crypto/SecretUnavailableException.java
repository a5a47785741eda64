package com.codexmanager.crypto;

/**
 * A stored secret cannot be decrypted: the master key file was lost, replaced or corrupted, or the ciphertext was
 * damaged. The remedy is to log in to (or re-import) the account again, which stores fresh ciphertext under the
 * current key. The message never contains the secret or the ciphertext.
 */
public final class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
        super(message);
    }

    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
