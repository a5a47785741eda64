package com.codexmanager.apikey;

import java.time.Instant;

/**
 * Where a key's past usage comes from: the request log, bound by the service's wiring. Implementations are
 * thread-safe and may query the database.
 */
public interface KeyUsageSource {
    /** Totals of one key over {@code [from, to)}; zeros when it made no request. */
    KeyUsage usage(String keyId, Instant from, Instant to);

    /** No request log: every key has done nothing. */
    KeyUsageSource NONE = (keyId, from, to) -> new KeyUsage(keyId, from, to, 0, 0, 0, 0, 0);
}
