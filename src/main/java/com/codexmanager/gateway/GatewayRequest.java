package com.codexmanager.gateway;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.json.JsonTreeWriter;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One client request after key auth and protocol adaptation: the Responses body to send upstream and what routing
 * and logging need. Immutable (the body must not be modified after construction).
 *
 * @param upstreamPath   {@code /responses} or {@code /responses/compact}
 * @param body           the upstream body as a tree where the pipeline built one (WebSocket turns, Chat and
 *                       Anthropic requests); {@code null} for a Responses body rewritten as bytes
 * @param bodyBytes      {@code body} serialised once, sent as is by every attempt
 * @param clientHeaders  request headers, names lower-cased
 * @param affinityKey    the conversation key, or {@code null}
 * @param fallbackModels the models to go on with, in order, when every account tried refuses
 *                       {@code effectiveModel} as not supported (an alias's other choices); often empty
 */
public record GatewayRequest(String traceId, Instant startedAt, PlatformKey key, String method, String path,
        String upstreamPath, String clientModel, String effectiveModel, String reasoningEffort, JsonObject body,
        byte[] bodyBytes, Map<String, String> clientHeaders, String affinityKey, boolean clientStreams,
        List<String> fallbackModels) {

    public GatewayRequest {
        fallbackModels = List.copyOf(fallbackModels);
    }

    /**
     * This request for the next of its {@link #fallbackModels}, which it then no longer lists: the body says that
     * model. Parses and writes the body again, so it is meant for the rare retry, not the normal path.
     */
    GatewayRequest withNextModel() {
        String model = fallbackModels.get(0);
        JsonObject tree = body != null ? body.deepCopy() : RequestBodies.parse(bodyBytes);
        tree.addProperty("model", model);
        return new GatewayRequest(traceId, startedAt, key, method, path, upstreamPath, clientModel, model,
                reasoningEffort, body != null ? tree : null, JsonTreeWriter.utf8(tree), clientHeaders, affinityKey,
                clientStreams, fallbackModels.subList(1, fallbackModels.size()));
    }
}
