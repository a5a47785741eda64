package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One platform key as {@code apikey/list} describes it (never the secret), plus what it did today when that is
 * known. Immutable; instants may be null.
 *
 * @param model           the bound model, blank when the key follows the request
 * @param accountGroup    the account group that serves it, blank for any
 * @param upstreamBaseUrl the Azure endpoint, blank for other protocols
 * @param status          {@code active}, {@code disabled} or {@code expired}
 * @param limits          its requests per minute and tokens per day, each null when unlimited
 * @param today           its requests, tokens and errors since local midnight ({@code apikey/usage}), or
 *                        {@code null} while unknown
 */
public record KeyRow(String id, String name, String prefix, String protocol, String model, String reasoningEffort,
        List<String> allowedModels, String accountGroup, Instant expiresAt, String upstreamBaseUrl,
        boolean hasAzureApiKey, String status, Instant createdAt, Instant lastUsedAt, Limits limits, Usage today) {
    public KeyRow {
        allowedModels = List.copyOf(allowedModels);
        limits = limits == null ? Limits.NONE : limits;
    }

    /** A key's limits; each null when unlimited. Immutable. */
    public record Limits(Integer requestsPerMinute, Long tokensPerDay) {
        public static final Limits NONE = new Limits(null, null);

        public boolean none() {
            return requestsPerMinute == null && tokensPerDay == null;
        }
    }

    /** What a key did over a span, from {@code apikey/usage}. Immutable. */
    public record Usage(long requests, long inputTokens, long outputTokens, long errors) {
        public long tokens() {
            return inputTokens + outputTokens;
        }
    }

    static KeyRow from(JsonObject k) {
        String id = Json2.text(k, "id", "keyId");
        String prefix = Json2.text(k, "keyPrefix", "prefix");
        JsonObject limits = k.has("limits") && k.get("limits").isJsonObject() ? k.getAsJsonObject("limits") : null;
        return new KeyRow(id, Json2.text(k, "name"), prefix.isEmpty() ? id : prefix,
                Json2.text(k, "protocolType", "protocol"), Json2.text(k, "modelSlug", "model"),
                Json2.text(k, "reasoningEffort"), Json2.strings(k, "allowedModels"), Json2.text(k, "accountGroup"),
                Json2.instant(k, "expiresAt"), Json2.text(k, "upstreamBaseUrl"), Json2.bool(k, "hasAzureApiKey", false),
                Json2.text(k, "status"), Json2.instant(k, "createdAt"), Json2.instant(k, "lastUsedAt"),
                limits == null ? Limits.NONE : new Limits(wholeOrNull(limits, "requestsPerMinute") == null ? null
                        : wholeOrNull(limits, "requestsPerMinute").intValue(), wholeOrNull(limits, "tokensPerDay")),
                null);
    }

    private static Long wholeOrNull(JsonObject o, String name) {
        return o.has(name) && o.get(name).isJsonPrimitive() && o.get(name).getAsJsonPrimitive().isNumber()
                ? o.get(name).getAsLong() : null;
    }

    public KeyRow withToday(Usage usage) {
        return new KeyRow(id, name, prefix, protocol, model, reasoningEffort, allowedModels, accountGroup, expiresAt,
                upstreamBaseUrl, hasAzureApiKey, status, createdAt, lastUsedAt, limits, usage);
    }

    public boolean disabled() {
        return "disabled".equals(status);
    }

    public boolean expired() {
        return "expired".equals(status);
    }

    public boolean azure() {
        return "azure_openai".equals(protocol);
    }
}
