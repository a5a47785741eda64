package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.gateway.upstream.UpstreamCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Relays a unary JSON answer (the compact endpoint) as one event. Stateless. */
final class UnaryRelay {
    private UnaryRelay() {
    }

    static Attempt relay(UpstreamCall call, ClientStream client) {
        try {
            String body = new String(call.body().readAllBytes(), StandardCharsets.UTF_8);
            client.begin();
            client.event(SseEvent.of("", body));
            client.end();
            return new Attempt.Relayed(ExecutionResult.Usage.NONE, 0, null, false, null);
        } catch (IOException e) {
            return Attempt.Relayed.clientLeft(0);
        }
    }
}
