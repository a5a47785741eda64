package com.codexmanager.gateway.port;

/** Verifies a presented platform key in O(1). Implemented by the platform-keys feature; thread-safe. */
public interface KeyAuthenticator {
    /** The verdict on a presented key ({@code null} or blank when the client sent none). */
    KeyVerdict authenticate(String presentedKey);

    /** Allowed (with the key's policy) or rejected (with the HTTP status and a stable code). */
    sealed interface KeyVerdict {
        record Allowed(PlatformKey key) implements KeyVerdict {
        }

        record Rejected(int status, String code, String message) implements KeyVerdict {
        }
    }
}
