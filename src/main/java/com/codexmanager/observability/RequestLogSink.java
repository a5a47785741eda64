package com.codexmanager.observability;

/**
 * Where the gateway reports each finished request (including local rejections). Implementations never block and
 * never throw: when they cannot keep up they drop the entry and count it. Thread-safe.
 */
public interface RequestLogSink {
    /** Queues one entry for storage; returns at once. */
    void record(RequestLogEntry entry);

    /** A sink that discards everything (tools and tests that do not look at logs). */
    RequestLogSink DISCARD = entry -> {
    };
}
