package com.codexmanager.apikey;

/** The outcome of {@link KeyService#authenticate}: a verified key or a typed refusal. */
public sealed interface KeyAuthResult {
    /** The key is known, enabled and not expired. */
    record Accepted(VerifiedKey key) implements KeyAuthResult {
    }

    /** The key was refused for {@code reason}. */
    record Rejected(KeyRejection reason) implements KeyAuthResult {
    }
}
