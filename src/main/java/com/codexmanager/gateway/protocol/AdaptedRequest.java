package com.codexmanager.gateway.protocol;

import com.google.gson.JsonObject;

/**
 * A client request mapped to a Responses body, with what the answer side needs to map back. The body is owned by
 * the pipeline after construction (it applies the model and normalisation to a copy).
 *
 * @param body          the Responses request body (model as the client asked, before alias mapping); {@code null}
 *                      for a Responses body forwarded as bytes ({@link ResponsesBody})
 * @param streams       whether the client asked for a stream
 * @param includeUsage  Chat only: {@code stream_options.include_usage}
 * @param toolNames     shortened tool names to map back on output
 */
public record AdaptedRequest(JsonObject body, boolean streams, boolean includeUsage, ToolNames toolNames) {
    public static AdaptedRequest of(JsonObject body, boolean streams) {
        return new AdaptedRequest(body, streams, false, ToolNames.EMPTY);
    }
}
