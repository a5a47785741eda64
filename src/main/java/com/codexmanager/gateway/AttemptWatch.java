package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamClient;
import java.io.IOException;

/**
 * The watchdog registration of one upstream attempt, made before the request is sent so that the first-byte
 * timeout also covers a slow response head. A timeout cancels the request; a keep-alive that cannot be written
 * means the client left, which cancels it too. Close it when the attempt ends.
 */
final class AttemptWatch implements StreamWatchdog.Target, AutoCloseable {
    private final UpstreamClient.Pending pending;
    private final ClientStream client;
    private StreamWatchdog.Watch watch;
    private volatile boolean timedOut;
    private volatile boolean clientGone;

    AttemptWatch(UpstreamClient.Pending pending, ClientStream client) {
        this.pending = pending;
        this.client = client;
    }

    AttemptWatch register(StreamWatchdog watchdog, GatewaySettings settings) {
        this.watch = watchdog.watch(this, settings.firstByteTimeout(), settings.idleTimeout(),
                settings.keepaliveInterval());
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

    boolean timedOut() {
        return timedOut;
    }

    boolean clientGone() {
        return clientGone;
    }

    void markClientGone() {
        clientGone = true;
    }

    @Override
    public void close() {
        watch.close();
    }
}
