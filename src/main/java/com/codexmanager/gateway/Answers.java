package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.ResponsesAggregator;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.json.JsonTreeWriter;
import com.codexmanager.server.JsonReply;
import com.google.gson.JsonObject;
import io.javalin.http.Context;

/**
 * Executes one adapted request (from the pool or an Azure resource) and answers it in the client's protocol: a
 * stream written as events arrive, or one JSON answer rebuilt from the whole upstream stream. Returns how the
 * request ended; writes no log. Single use, request thread.
 */
final class Answers {
    private final Execution executor;
    private final ProtocolAdapter adapter;
    private final AdaptedRequest adapted;

    Answers(Execution executor, ProtocolAdapter adapter, AdaptedRequest adapted) {
        this.executor = executor;
        this.adapter = adapter;
        this.adapted = adapted;
    }

    Ending stream(Context ctx, GatewayRequest request, GatewaySettings config) {
        ExecutionResult result = executor.execute(request, config, adapter.streamTo(ctx.res(), adapted));
        if (result instanceof ExecutionResult.Refused refused) {
            return refuse(ctx, refused);
        }
        ExecutionResult.Served served = (ExecutionResult.Served) result;
        return Ending.served(served, served.clientGone() ? 499 : 200);
    }

    Ending whole(Context ctx, GatewayRequest request, GatewaySettings config) {
        boolean compact = adapter.upstreamPath().endsWith("/compact");
        ClientStream sink = compact ? new UnaryCapture() : new ResponsesAggregator();
        ExecutionResult result = executor.execute(request, config, sink);
        if (result instanceof ExecutionResult.Refused refused) {
            return refuse(ctx, refused);
        }
        ExecutionResult.Served served = (ExecutionResult.Served) result;
        if (sink instanceof UnaryCapture capture) {
            JsonReply.send(ctx, 200, capture.body);
            return Ending.served(served, 200);
        }
        ResponsesAggregator aggregator = (ResponsesAggregator) sink;
        JsonObject response = aggregator.response();
        if (response == null) {
            String code = aggregator.failureCode() == null ? "upstream_stream_closed" : aggregator.failureCode();
            String message = aggregator.failureMessage() == null ? "the upstream stream ended early"
                    : aggregator.failureMessage();
            return error(ctx, Ending.served(served, 502), GatewayError.of(502, code, message));
        }
        if (aggregator.failed()) {
            JsonObject error = JsonFields.object(response, "error");
            String code = JsonFields.string(error, "code");
            String message = JsonFields.string(error, "message");
            int status = "context_length_exceeded".equals(code) || "invalid_prompt".equals(code) ? 400 : 502;
            return error(ctx, Ending.served(served, status), GatewayError.of(status,
                    code == null ? "response_failed" : code, message == null ? "the response failed" : message));
        }
        JsonReply.send(ctx, 200, JsonTreeWriter.utf8(adapter.renderWhole(response, adapted)));
        return Ending.served(served, 200);
    }

    private Ending refuse(Context ctx, ExecutionResult.Refused refused) {
        int status = adapter.errors().render(ctx, new GatewayError(refused.status(), refused.code(),
                refused.message(), refused.retryAfter(), refused.passthroughBody()));
        return Ending.refused(refused, status);
    }

    private Ending error(Context ctx, Ending served, GatewayError error) {
        int status = adapter.errors().render(ctx, error);
        return served.withError(status, error.code(), error.message());
    }

    /** Captures a unary upstream body (the compact endpoint). */
    private static final class UnaryCapture implements ClientStream {
        private String body = "{}";

        @Override
        public void begin() {
        }

        @Override
        public void event(SseEvent event) {
            body = event.data();
        }

        @Override
        public void flush() {
        }

        @Override
        public void keepalive() {
        }

        @Override
        public void fail(String code, String message) {
        }

        @Override
        public void end() {
        }
    }
}
