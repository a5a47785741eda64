package com.codexmanager.gateway;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Request trace ids: {@code trc_} + 16 random hex digits. Thread-safe. */
final class TraceIds {
    private final SecureRandom random;

    TraceIds(SecureRandom random) {
        this.random = random;
    }

    String next() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "trc_" + HexFormat.of().formatHex(bytes);
    }
}
