package com.codexmanager.gateway.chat;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.SseWriter;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/** OpenAI Chat Completions in front of the pool ({@code /v1/chat/completions} and the Azure chat routes). */
public final class ChatAdapter implements ProtocolAdapter {
    private final ErrorRenderer errors;

    /** @param errors OpenAI-shaped for {@code /v1}, Azure-shaped for the Azure routes */
    public ChatAdapter(ErrorRenderer errors) {
        this.errors = errors;
    }


    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public AdaptedRequest adapt(JsonObject body, Map<String, String> headers) {
        return ChatRequestMapper.map(body);
    }

    @Override
    public ClientStream streamTo(HttpServletResponse response, AdaptedRequest request) {
        return new ChatStream(new SseWriter(response), request);
    }

    @Override
    public JsonObject renderWhole(JsonObject response, AdaptedRequest request) {
        return ChatCompletionRenderer.render(response, request.toolNames());
    }
}
