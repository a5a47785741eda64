package com.codexmanager.gateway.protocol;

import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/**
 * One client protocol in front of the shared gateway pipeline (auth, routing, failover, affinity, logging): maps
 * the client body to a Responses body, supplies the client stream writer, renders the non-stream answer from the
 * aggregated Responses object, and renders errors. Implementations are stateless and thread-safe; per-request
 * state lives in the {@link ClientStream} they create.
 */
public interface ProtocolAdapter {
    /** The upstream path the request is served by: {@code /responses} or {@code /responses/compact}. */
    default String upstreamPath() {
        return "/responses";
    }


    ErrorRenderer errors();

    /**
     * Maps a client body (already a JSON object) to a Responses body.
     *
     * @param headers request headers, names lower-cased
     * @throws AdapterException when a field cannot be mapped
     */
    AdaptedRequest adapt(JsonObject body, Map<String, String> headers);

    /** The writer of a streaming answer; called once per streaming request. */
    ClientStream streamTo(HttpServletResponse response, AdaptedRequest request);

    /** The non-stream answer built from the final Responses object (output rebuilt from the stream). */
    JsonObject renderWhole(JsonObject response, AdaptedRequest request);
}
