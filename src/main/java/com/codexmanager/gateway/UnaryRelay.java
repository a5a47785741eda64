package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.gateway.upstream.UpstreamCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Relays a unary JSON answer (the compact endpoint) as one event. */
final class UnaryRelay {
    private UnaryRelay() {
    }

    static Object relay(UpstreamCall call, ClientStream client) {
        try {
            String body = new String(call.body().readAllBytes(), StandardCharsets.UTF_8);
            client.begin();
            client.event(new SseEvent("", body));
            client.end();
            return new StreamRelay.Relayed(ExecutionResult.Usage.NONE, 0, null, false, null);
        } catch (IOException e) {
            return new StreamRelay.Relayed(ExecutionResult.Usage.NONE, 0, null, true, null);
        }
    }
}
