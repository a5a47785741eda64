package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamClient;
import java.io.IOException;

/**
 * The watchdog registration of one upstream attempt, made before the request is sent so that the first-byte
 * timeout also covers a slow response head. A timeout cancels the request; a keep-alive that cannot be written
 * means the client left, which cancels it too; {@link #stop()} (service shutdown) cancels it so that the relay
 * ends the client's stream with a terminal error. Each cancel makes the request thread's blocked read fail at
 * once; the flags tell the relay why. Close it when the attempt ends. Thread-safe.
 */
final class AttemptWatch implements StreamWatchdog.Target, AutoCloseable {
    private final UpstreamClient.Pending pending;
    private final ClientStream client;
    private final OpenAttempts registry;
    private StreamWatchdog.Watch watch;
    private volatile boolean timedOut;
    private volatile boolean clientGone;
    private volatile boolean stopping;

    AttemptWatch(UpstreamClient.Pending pending, ClientStream client, OpenAttempts registry) {
        this.pending = pending;
        this.client = client;
        this.registry = registry;
    }

    AttemptWatch register(StreamWatchdog watchdog, GatewaySettings settings) {
        this.watch = watchdog.watch(this, settings.firstByteTimeout(), settings.idleTimeout(),
                settings.keepaliveInterval());
        registry.add(this);
        return this;
    }

    StreamWatchdog.Watch watch() {
        return watch;
    }

    @Override
    public void onTimeout(boolean firstByte) {
        timedOut = true;
        pending.cancel();
    }

    @Override
    public void onKeepalive() {
        try {
            client.keepalive();
        } catch (IOException e) {
            clientGone = true;
            pending.cancel();
        }
    }

    /** The service is stopping: end this attempt now (the relay sends the client a terminal error). */
    void stop() {
        stopping = true;
        pending.cancel();
    }

    boolean timedOut() {
        return timedOut;
    }

    boolean clientGone() {
        return clientGone;
    }

    boolean stopping() {
        return stopping;
    }

    void markClientGone() {
        clientGone = true;
    }

    @Override
    public void close() {
        registry.remove(this);
        watch.close();
    }
}
