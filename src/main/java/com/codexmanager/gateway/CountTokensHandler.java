package com.codexmanager.gateway;

import com.codexmanager.config.Settings;
import com.codexmanager.gateway.anthropic.AnthropicErrors;
import com.codexmanager.gateway.anthropic.TokenEstimate;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.GatewayError;
import com.google.gson.JsonObject;
import com.codexmanager.server.JsonReply;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * {@code POST /v1/messages/count_tokens}, answered locally with {@link TokenEstimate} (no upstream call, no
 * account, so no request-log row). Anthropic-shaped errors. Thread-safe.
 */
final class CountTokensHandler {
    private final KeyAuthenticator keys;
    private final Supplier<Settings> settings;

    CountTokensHandler(KeyAuthenticator keys, Supplier<Settings> settings) {
        this.keys = keys;
        this.settings = settings;
    }

    void handle(Context ctx) {
        KeyAuthenticator.KeyVerdict verdict = keys.authenticate(ApiKeyExtractor.extract(ctx));
        if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
            AnthropicErrors.INSTANCE.render(ctx, GatewayError.of(rejected.status(), rejected.code(),
                    rejected.message()));
            return;
        }
        try {
            JsonObject body = RequestBodies.read(ctx, GatewaySettings.from(settings.get()).maxBodyBytes());
            JsonObject answer = new JsonObject();
            answer.addProperty("input_tokens", TokenEstimate.count(body, AdapterHandler.lowerCaseHeaders(ctx)));
            JsonReply.send(ctx, 200, answer.toString());
        } catch (AdapterException e) {
            AnthropicErrors.INSTANCE.render(ctx, GatewayError.of(e.status(), e.code(), e.getMessage()));
        }
    }
}
