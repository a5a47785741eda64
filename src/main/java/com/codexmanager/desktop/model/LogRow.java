package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * One request-log entry ({@code requestlog/list} item). Immutable; {@code raw} keeps every field for the detail
 * view (the service never puts secrets in logs). {@code account} is the serving account's id until
 * {@link #withAccountNames} replaces it with a name; blank when no account answered. {@code transport} is
 * {@code http} or {@link #WEBSOCKET}.
 */
public record LogRow(String traceId, Instant createdAt, String method, String path, String model, int statusCode,
        String account, String keyPrefix, long inputTokens, long outputTokens, long durationMs, String error,
        String transport, JsonObject raw) {
    /** {@link #transport()} of a {@code response.create} frame on a Responses WebSocket. */
    public static final String WEBSOCKET = "websocket";

    public LogRow {
        raw = raw.deepCopy();
    }

    static LogRow from(JsonObject o) {
        return new LogRow(Json2.text(o, "traceId"), Json2.instant(o, "createdAt"), Json2.text(o, "method"),
                Json2.text(o, "path"), Json2.text(o, "model", "clientModel"), (int) Json2.number(o, "statusCode", 0),
                Json2.text(o, "accountId"), Json2.text(o, "keyPrefix", "keyId"), Json2.number(o, "inputTokens", 0),
                Json2.number(o, "outputTokens", 0), Json2.number(o, "durationMs", 0), Json2.text(o, "error"),
                Json2.text(o, "transport").isBlank() ? "http" : Json2.text(o, "transport"), o);
    }

    /** This row with the account id replaced by its display name from {@code namesById}, when known. */
    public LogRow withAccountNames(Map<String, String> namesById) {
        String name = namesById.get(account);
        return name == null ? this : new LogRow(traceId, createdAt, method, path, model, statusCode, name, keyPrefix,
                inputTokens, outputTokens, durationMs, error, transport, raw);
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
