package com.codexmanager.service;

/**
 * Decides, from how often the JVM collects, whether the service is busy or quiet, so that G1 shrinks its heap only
 * when the service has gone quiet. Shrinking under load leaves a small heap that is collected many times a second:
 * in a burst of token refreshes on two busy cores those pauses (20–60 ms each) landed on the saves. A quiet JVM
 * collects at most once per tick (G1's periodic collection), a busy one many times. Not thread-safe: one ticker.
 */
final class HeapRatioPolicy {
    /** Collections within one tick from which the JVM counts as busy. */
    static final int BUSY_COLLECTIONS = 2;

    enum Mode {
        /** The JVM's own ratios: the heap keeps room for the load. */
        BUSY,
        /** Tight ratios: the heap shrinks to what is live plus a little at the next collection. */
        QUIET
    }

    private long lastCount = -1;
    private Mode mode = Mode.BUSY;

    /**
     * Takes the JVM's total collection count at the end of a tick and returns the mode from now on. The first tick
     * only records the count: a service that has just started is treated as busy.
     */
    Mode tick(long collections) {
        if (lastCount >= 0) {
            mode = collections - lastCount >= BUSY_COLLECTIONS ? Mode.BUSY : Mode.QUIET;
        }
        lastCount = collections;
        return mode;
    }
}
