package com.codexmanager.gateway.protocol;

import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/**
 * The Responses protocol itself ({@code /v1/responses}, {@code /v1/responses/compact} and the Azure responses
 * routes): the body goes upstream as sent (the pipeline normalises it), events are relayed unchanged. Stateless.
 */
public final class ResponsesAdapter implements ProtocolAdapter {
    private final boolean compact;
    private final ErrorRenderer errors;

    public ResponsesAdapter(boolean compact, ErrorRenderer errors) {
        this.compact = compact;
        this.errors = errors;
    }

    @Override
    public String upstreamPath() {
        return compact ? "/responses/compact" : "/responses";
    }


    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public AdaptedRequest adapt(JsonObject body, Map<String, String> headers) {
        boolean streams = !compact && JsonFields.bool(body, "stream", false);
        return AdaptedRequest.of(body, streams);
    }

    /** The same for a body kept as bytes ({@link AdaptedRequest#body()} is then {@code null}). */
    public AdaptedRequest adapt(ResponsesBody body) {
        return AdaptedRequest.of(null, !compact && body.stream(false));
    }

    @Override
    public ClientStream streamTo(HttpServletResponse response, AdaptedRequest request) {
        return new ResponsesSseStream(new SseWriter(response));
    }

    @Override
    public JsonObject renderWhole(JsonObject response, AdaptedRequest request) {
        return response;
    }
}
