package com.codexmanager.desktop.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * What the key dialogs collected: every setting {@code apikey/create} and {@code apikey/update} take. Blank text
 * means "none" (follow the request, any group, any model). Immutable; {@link #toString()} hides the Azure key.
 *
 * @param expiresAt   the expiry, or {@code null} for never
 * @param azureApiKey the Azure api-key typed in the dialog; blank keeps the stored one on update
 * @param limits      requests per minute and tokens per day, each null for no limit
 */
public record KeyDraft(String name, String protocol, String model, String reasoningEffort, List<String> allowedModels,
        String accountGroup, Instant expiresAt, String upstreamBaseUrl, String azureApiKey, KeyRow.Limits limits) {
    public KeyDraft {
        allowedModels = List.copyOf(allowedModels);
        limits = limits == null ? KeyRow.Limits.NONE : limits;
    }

    /** A draft without limits. */
    public KeyDraft(String name, String protocol, String model, String reasoningEffort, List<String> allowedModels,
            String accountGroup, Instant expiresAt, String upstreamBaseUrl, String azureApiKey) {
        this(name, protocol, model, reasoningEffort, allowedModels, accountGroup, expiresAt, upstreamBaseUrl,
                azureApiKey, KeyRow.Limits.NONE);
    }

    public boolean azure() {
        return "azure_openai".equals(protocol);
    }

    /** The {@code apikey/create} parameters: only what is set. */
    JsonObject createParams() {
        JsonObject params = new JsonObject();
        params.addProperty("name", name.trim());
        params.addProperty("protocolType", protocol);
        putIfSet(params, "modelSlug", model);
        putIfSet(params, "reasoningEffort", reasoningEffort);
        if (!allowedModels.isEmpty()) {
            params.add("allowedModels", array(allowedModels));
        }
        putIfSet(params, "accountGroup", accountGroup);
        if (expiresAt != null) {
            params.addProperty("expiresAt", expiresAt.getEpochSecond());
        }
        if (azure()) {
            params.addProperty("upstreamBaseUrl", upstreamBaseUrl.trim());
            putIfSet(params, "azureApiKey", azureApiKey);
        }
        if (!limits.none()) {
            params.add("limits", limitsJson());
        }
        return params;
    }

    /**
     * The {@code apikey/update} parameters: every field, with {@code null} where the key should have none, so the
     * key ends up exactly as drafted; the Azure key only when a new one was typed.
     */
    JsonObject updateParams(String id) {
        JsonObject params = new JsonObject();
        params.addProperty("id", id);
        params.addProperty("name", name.trim());
        params.addProperty("protocolType", protocol);
        putOrClear(params, "modelSlug", model);
        putOrClear(params, "reasoningEffort", reasoningEffort);
        params.add("allowedModels", array(allowedModels));
        putOrClear(params, "accountGroup", accountGroup);
        if (expiresAt != null) {
            params.addProperty("expiresAt", expiresAt.getEpochSecond());
        } else {
            params.add("expiresAt", JsonNull.INSTANCE);
        }
        if (azure()) {
            params.addProperty("upstreamBaseUrl", upstreamBaseUrl.trim());
            putIfSet(params, "azureApiKey", azureApiKey);
        }
        params.add("limits", limitsJson());
        return params;
    }

    /** Both limits, {@code null} where the draft has none, so an update leaves exactly these. */
    private JsonObject limitsJson() {
        JsonObject out = new JsonObject();
        if (limits.requestsPerMinute() != null) {
            out.addProperty("requestsPerMinute", limits.requestsPerMinute());
        } else {
            out.add("requestsPerMinute", JsonNull.INSTANCE);
        }
        if (limits.tokensPerDay() != null) {
            out.addProperty("tokensPerDay", limits.tokensPerDay());
        } else {
            out.add("tokensPerDay", JsonNull.INSTANCE);
        }
        return out;
    }

    private static void putIfSet(JsonObject params, String name, String value) {
        if (!value.isBlank()) {
            params.addProperty(name, value.trim());
        }
    }

    private static void putOrClear(JsonObject params, String name, String value) {
        if (value.isBlank()) {
            params.add(name, JsonNull.INSTANCE);
        } else {
            params.addProperty(name, value.trim());
        }
    }

    private static JsonArray array(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    @Override
    public String toString() {
        return "KeyDraft[" + name + ", " + protocol + ", azureApiKey=" + (azureApiKey.isBlank() ? "none" : "***")
                + "]";
    }
}
