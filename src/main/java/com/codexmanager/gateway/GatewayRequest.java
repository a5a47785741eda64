package com.codexmanager.gateway;

import com.codexmanager.gateway.port.PlatformKey;
import com.google.gson.JsonObject;
import java.time.Instant;
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
 */
public record GatewayRequest(String traceId, Instant startedAt, PlatformKey key, String method, String path,
        String upstreamPath, String clientModel, String effectiveModel, String reasoningEffort, JsonObject body,
        byte[] bodyBytes, Map<String, String> clientHeaders, String affinityKey, boolean clientStreams) {
}
