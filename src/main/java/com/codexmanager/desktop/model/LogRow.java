package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.time.Instant;

/**
 * One request-log entry ({@code requestlog/list} item). Immutable; {@code raw} keeps every field for the detail
 * view (the service never puts secrets in logs).
 */
public record LogRow(String traceId, Instant createdAt, String method, String path, String model, int statusCode,
        String account, String keyPrefix, long inputTokens, long outputTokens, long durationMs, String error,
        JsonObject raw) {
    public LogRow {
        raw = raw.deepCopy();
    }

    static LogRow from(JsonObject o) {
        String account = Json2.text(o, "accountLabel", "accountEmail", "accountId");
        return new LogRow(Json2.text(o, "traceId", "id"), Json2.instant(o, "createdAt"), Json2.text(o, "method"),
                Json2.text(o, "requestPath", "path"), Json2.text(o, "model"), (int) Json2.number(o, "statusCode", 0),
                account, Json2.text(o, "keyPrefix", "keyId"), Json2.number(o, "inputTokens", 0),
                Json2.number(o, "outputTokens", 0), Json2.number(o, "durationMs", 0), Json2.text(o, "error"), o);
    }

    @Override
    public JsonObject raw() {
        return raw.deepCopy();
    }

    /** The account, or the key prefix when the request never reached an account. */
    public String accountOrKey() {
        return !account.isBlank() ? account : keyPrefix.isBlank() ? "–" : keyPrefix;
    }
}
