package com.codexmanager.gateway.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces first-byte and idle timeouts on upstream streams and sends keep-alives to clients while the upstream
 * is silent, from one named scheduler thread that checks every registered stream each tick. Callbacks run on that
 * thread and must not block for long. Thread-safe; close once.
 */
public final class StreamWatchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamWatchdog.class);

    /** What the watchdog does for one stream. */
    public interface Target {
        /** The upstream stalled beyond its timeout; cancel it. {@code firstByte} tells which timeout fired. */
        void onTimeout(boolean firstByte);

        /** The client has heard nothing for the keep-alive interval; send a keep-alive if possible. */
        void onKeepalive();
    }

    /** A registered stream; report activity on it and close it when the stream ends. */
    public final class Watch implements AutoCloseable {
        private final Target target;
        private final long firstByteNanos;
        private final long idleNanos;
        private final long keepaliveNanos;
        private volatile long lastUpstreamNanos;
        private volatile long lastClientNanos;
        private volatile boolean started;
        private volatile boolean committed;
        private volatile boolean fired;

        private Watch(Target target, Duration firstByte, Duration idle, Duration keepalive) {
            this.target = target;
            this.firstByteNanos = firstByte.toNanos();
            this.idleNanos = idle.toNanos();
            this.keepaliveNanos = keepalive.toNanos();
            long now = ticker.getAsLong();
            this.lastUpstreamNanos = now;
            this.lastClientNanos = now;
        }

        /** Bytes arrived from the upstream. */
        public void upstreamActivity() {
            started = true;
            lastUpstreamNanos = ticker.getAsLong();
        }

        /** Bytes were written to the client (keep-alives are due only after the response is committed). */
        public void clientActivity() {
            committed = true;
            lastClientNanos = ticker.getAsLong();
        }

        void check(long now) {
            if (fired) {
                return;
            }
            long limit = started ? idleNanos : firstByteNanos;
            if (now - lastUpstreamNanos >= limit) {
                fired = true;
                target.onTimeout(!started);
                return;
            }
            if (committed && now - lastClientNanos >= keepaliveNanos) {
                lastClientNanos = now;
                target.onKeepalive();
            }
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }

    private final LongSupplier ticker;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;

    public StreamWatchdog(Duration tick, LongSupplier ticker) {
        this.ticker = ticker;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-watchdog");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::checkAll, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Watch watch(Target target, Duration firstByte, Duration idle, Duration keepalive) {
        Watch watch = new Watch(target, firstByte, idle, keepalive);
        watches.add(watch);
        return watch;
    }

    private void checkAll() {
        long now = ticker.getAsLong();
        for (Watch watch : watches) {
            try {
                watch.check(now);
            } catch (RuntimeException e) {
                log.warn("Stream watchdog callback failed: {}", e.toString());
            }
        }
    }

    public int active() {
        return watches.size();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
