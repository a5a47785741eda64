package com.codexmanager.gateway.anthropic;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.SseWriter;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/** Anthropic Messages ({@code /v1/messages}) in front of the pool, for Claude Code and the Anthropic SDKs. */
public final class AnthropicAdapter implements ProtocolAdapter {
    @Override
    public ErrorRenderer errors() {
        return AnthropicErrors.INSTANCE;
    }

    @Override
    public AdaptedRequest adapt(JsonObject body, Map<String, String> headers) {
        return MessagesRequestMapper.map(body, headers);
    }

    @Override
    public ClientStream streamTo(HttpServletResponse response, AdaptedRequest request) {
        return new AnthropicStream(new SseWriter(response), request);
    }

    @Override
    public JsonObject renderWhole(JsonObject response, AdaptedRequest request) {
        return AnthropicMessageRenderer.render(response, request.toolNames());
    }
}
