package com.codexmanager.gateway;

import com.codexmanager.observability.TraceIdFormat;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request trace ids in {@link TraceIdFormat}'s form: the request's time, then 8 random hex digits. They only
 * correlate log lines and are no secret, so a per-thread generator supplies the random part (a shared
 * {@code SecureRandom} serialised every request on its lock).
 *
 * <p>Time first, so that an exact search of the request log finds an id's row through the time index
 * ({@code LogQuery}); the log keeps no index on the id itself (BENCHMARKS.md, "Request logs"). Thread-safe.
 */
final class TraceIds {
    private final Clock clock;

    TraceIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        return TraceIdFormat.of(clock.millis(), ThreadLocalRandom.current().nextInt());
    }
}
