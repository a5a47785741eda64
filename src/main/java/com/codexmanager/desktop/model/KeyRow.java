package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.time.Instant;

/** One platform key as {@code apikey/list} describes it (never the secret). Immutable; instants may be null. */
public record KeyRow(String id, String name, String prefix, String protocol, String model, String reasoningEffort,
        String status, Instant createdAt, Instant lastUsedAt) {
    static KeyRow from(JsonObject k) {
        String id = Json2.text(k, "id", "keyId");
        String prefix = Json2.text(k, "keyPrefix", "prefix");
        return new KeyRow(id, Json2.text(k, "name"), prefix.isEmpty() ? id : prefix,
                Json2.text(k, "protocolType", "protocol"), Json2.text(k, "modelSlug", "model"),
                Json2.text(k, "reasoningEffort"), Json2.text(k, "status"), Json2.instant(k, "createdAt"),
                Json2.instant(k, "lastUsedAt"));
    }

    public boolean disabled() {
        return "disabled".equals(status);
    }
}
