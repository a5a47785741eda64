package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One platform key as {@code apikey/list} describes it (never the secret), plus how many requests it made today when
 * that is known. Immutable; instants may be null.
 *
 * @param model           the bound model, blank when the key follows the request
 * @param accountGroup    the account group that serves it, blank for any
 * @param upstreamBaseUrl the Azure endpoint, blank for other protocols
 * @param status          {@code active}, {@code disabled} or {@code expired}
 * @param requestsToday   requests since local midnight, or {@code null} while unknown
 */
public record KeyRow(String id, String name, String prefix, String protocol, String model, String reasoningEffort,
        List<String> allowedModels, String accountGroup, Instant expiresAt, String upstreamBaseUrl,
        boolean hasAzureApiKey, String status, Instant createdAt, Instant lastUsedAt, RequestCount requestsToday) {
    public KeyRow {
        allowedModels = List.copyOf(allowedModels);
    }

    /** A request count from the request log, which stops counting exactly at a cap. Immutable. */
    public record RequestCount(long count, boolean capped) {
    }

    static KeyRow from(JsonObject k) {
        String id = Json2.text(k, "id", "keyId");
        String prefix = Json2.text(k, "keyPrefix", "prefix");
        return new KeyRow(id, Json2.text(k, "name"), prefix.isEmpty() ? id : prefix,
                Json2.text(k, "protocolType", "protocol"), Json2.text(k, "modelSlug", "model"),
                Json2.text(k, "reasoningEffort"), Json2.strings(k, "allowedModels"), Json2.text(k, "accountGroup"),
                Json2.instant(k, "expiresAt"), Json2.text(k, "upstreamBaseUrl"), Json2.bool(k, "hasAzureApiKey", false),
                Json2.text(k, "status"), Json2.instant(k, "createdAt"), Json2.instant(k, "lastUsedAt"), null);
    }

    public KeyRow withRequestsToday(RequestCount count) {
        return new KeyRow(id, name, prefix, protocol, model, reasoningEffort, allowedModels, accountGroup, expiresAt,
                upstreamBaseUrl, hasAzureApiKey, status, createdAt, lastUsedAt, count);
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
