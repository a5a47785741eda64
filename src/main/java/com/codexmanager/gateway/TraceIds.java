package com.codexmanager.gateway;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request trace ids: {@code trc_} + 16 random hex digits. They only correlate log lines and are no secret, so a
 * per-thread generator serves them (a shared {@code SecureRandom} serialised every request on its lock).
 * Thread-safe.
 */
final class TraceIds {
    private static final HexFormat HEX = HexFormat.of();

    String next() {
        return "trc_" + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
