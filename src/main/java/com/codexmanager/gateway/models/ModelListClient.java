package com.codexmanager.gateway.models;

import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.upstream.UpstreamCall;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.gateway.upstream.UpstreamHeaders;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET {upstream}/models?client_version=…} with one account's credentials (through its own proxy), and the
 * parsing of the {@code {"models":[…]}} answer (codex-protocol.md §4). Thread-safe (stateless over the client).
 */
final class ModelListClient {
    private static final Logger log = LoggerFactory.getLogger(ModelListClient.class);
    static final String CLIENT_VERSION = "0.171.0";

    /** A fetched list: the body as received (for the cache), its models and ETag (nullable). */
    record Fetched(String body, List<ModelCatalog.Model> models, String etag) {
    }

    private final UpstreamClient upstream;

    ModelListClient(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    /** The account's model list; empty when the upstream refused, failed or sent no model. */
    Optional<Fetched> fetch(String upstreamBase, String originator, Credentials credentials) {
        URI uri = URI.create(upstreamBase + "/models?client_version=" + CLIENT_VERSION);
        Map<String, String> headers = UpstreamHeaders.build(credentials, originator, "", Map.of(), null, false);
        try (UpstreamCall call = upstream.get(uri, headers, credentials.proxy())) {
            if (call.status() != 200) {
                log.warn("Model list fetch with account {} answered {}", credentials.accountId(), call.status());
                return Optional.empty();
            }
            String body = new String(call.body().readAllBytes(), StandardCharsets.UTF_8);
            List<ModelCatalog.Model> models = parse(body);
            return models.isEmpty() ? Optional.empty()
                    : Optional.of(new Fetched(body, models, call.header("etag").orElse(null)));
        } catch (IOException e) {
            log.warn("Model list fetch failed: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The models of a {@code {"models":[…]}} body; empty for anything else. */
    static List<ModelCatalog.Model> parse(String body) {
        List<ModelCatalog.Model> out = new ArrayList<>();
        try {
            JsonElement root = JsonParser.parseString(body);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("models")) {
                return out;
            }
            for (JsonElement e : root.getAsJsonObject().getAsJsonArray("models")) {
                if (!e.isJsonObject() || !e.getAsJsonObject().has("slug")) {
                    continue;
                }
                JsonObject m = e.getAsJsonObject();
                String slug = m.get("slug").getAsString();
                String name = m.has("display_name") && m.get("display_name").isJsonPrimitive()
                        ? m.get("display_name").getAsString() : slug;
                boolean listed = !m.has("visibility") || !Objects.equals("hide", m.get("visibility").getAsString());
                int priority = m.has("priority") && m.get("priority").isJsonPrimitive()
                        && m.get("priority").getAsJsonPrimitive().isNumber() ? m.get("priority").getAsInt()
                        : Integer.MAX_VALUE;
                boolean api = !m.has("supported_in_api") || !m.get("supported_in_api").isJsonPrimitive()
                        || m.get("supported_in_api").getAsBoolean();
                out.add(new ModelCatalog.Model(slug, name, listed, priority, api));
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                | NumberFormatException e) {
            return List.of();
        }
        return out;
    }
}
