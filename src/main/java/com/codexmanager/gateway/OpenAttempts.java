package com.codexmanager.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream attempts running now, so that a stopping service can end each open stream with a protocol-shaped
 * terminal event instead of a reset. Once {@link #stopAll()} has run, attempts registered later are stopped at
 * once. Thread-safe.
 */
final class OpenAttempts {
    private final Set<AttemptWatch> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    void add(AttemptWatch attempt) {
        open.add(attempt);
        if (stopping) {
            attempt.stop();
        }
    }

    void remove(AttemptWatch attempt) {
        open.remove(attempt);
    }

    /** Ends every open attempt (and every later one); returns how many were open. */
    int stopAll() {
        stopping = true;
        int count = 0;
        for (AttemptWatch attempt : open) {
            attempt.stop();
            count++;
        }
        return count;
    }

    boolean stopping() {
        return stopping;
    }

    int size() {
        return open.size();
    }
}
