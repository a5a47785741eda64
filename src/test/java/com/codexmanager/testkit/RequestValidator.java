package com.codexmanager.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@code /responses} body the way the real backend does (codex-protocol.md §2.2, §9.2). Immutable.
 * Texts marked "inferred" in the reference (system role, non-array input, unknown model, images) are our
 * best guess.
 */
final class RequestValidator {
    /** A 400 reply: the body is {@code {"detail": …}} or an OpenAI-style {@code {"error": …}}. */
    record Rejection(JsonObject body) {
    }

    private static final List<String> UNSUPPORTED = List.of("previous_response_id", "max_output_tokens",
            "max_completion_tokens", "temperature", "top_p", "prompt_cache_retention", "context_management",
            "metadata", "user", "truncation", "seed", "presence_penalty", "frequency_penalty", "top_logprobs");
    private static final List<String> UNCONFIRMED = List.of("safety_identifier", "generate", "stream_options");
    private static final Set<String> ROLES = Set.of("user", "assistant", "developer");

    private final FakeUpstreamOptions options;
    private final ModelCatalog models;

    RequestValidator(FakeUpstreamOptions options, ModelCatalog models) {
        this.options = options;
        this.models = models;
    }

    /** @param planType the calling account's plan: it decides which models are offered */
    Optional<Rejection> validate(JsonObject body, String planType) {
        for (String field : UNSUPPORTED) {
            if (body.has(field)) {
                return detail("Unsupported parameter: " + field);
            }
        }
        JsonElement serviceTier = body.get("service_tier");
        if (serviceTier != null && !serviceTier.isJsonNull() && !"priority".equals(Json.string(body, "service_tier"))) {
            return detail("Unsupported parameter: service_tier");
        }
        if (options.rejectUnconfirmedParameters()) {
            for (String field : UNCONFIRMED) {
                if (body.has(field)) {
                    return detail("Unsupported parameter: " + field);
                }
            }
        }
        if (!isBoolean(body, "stream", true)) {
            return detail("Stream must be set to true");
        }
        if (!isBoolean(body, "store", false)) {
            return detail("Store must be set to false");
        }
        if (!body.has("instructions") || body.get("instructions").isJsonNull()) {
            return detail("Instructions are required");
        }
        return validateModel(body, planType).or(() -> validateInput(body));
    }

    private Optional<Rejection> validateModel(JsonObject body, String planType) {
        String model = Json.string(body, "model");
        if (model == null || model.isEmpty()) {
            return detail("Model is required");
        }
        if (options.strictModels() && !models.offers(planType, model)) {
            return detail("The '" + model + "' model is not supported when using Codex with a ChatGPT account.");
        }
        return Optional.empty();
    }

    private Optional<Rejection> validateInput(JsonObject body) {
        JsonElement input = body.get("input");
        if (input == null || !input.isJsonArray()) {
            return detail("Input must be a list");
        }
        JsonArray items = input.getAsJsonArray();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isJsonObject()) {
                return invalidValue("Invalid type for 'input[" + i + "]': expected an object.", "input[" + i + "]");
            }
            JsonObject item = items.get(i).getAsJsonObject();
            String role = Json.string(item, "role");
            if (role != null && !ROLES.contains(role)) {
                return invalidValue("Invalid value: '" + role + "'. Supported values are: 'assistant', 'developer',"
                        + " and 'user'.", "input[" + i + "].role");
            }
            if (options.strictImageUrls()) {
                Optional<Rejection> image = validateImages(item, i);
                if (image.isPresent()) {
                    return image;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> validateImages(JsonObject item, int index) {
        JsonElement content = item.get("content");
        if (content == null || !content.isJsonArray()) {
            return Optional.empty();
        }
        JsonArray parts = content.getAsJsonArray();
        for (int j = 0; j < parts.size(); j++) {
            JsonObject part = parts.get(j).isJsonObject() ? parts.get(j).getAsJsonObject() : new JsonObject();
            String url = Json.string(part, "image_url");
            if ("input_image".equals(Json.string(part, "type")) && (url == null || !url.startsWith("data:image/"))) {
                return invalidValue("Invalid 'image_url': expected a base64-encoded data URL with an image MIME type.",
                        "input[" + index + "].content[" + j + "].image_url");
            }
        }
        return Optional.empty();
    }

    private static boolean isBoolean(JsonObject body, String field, boolean expected) {
        JsonElement value = body.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()
                && value.getAsBoolean() == expected;
    }

    private static Optional<Rejection> detail(String text) {
        return Optional.of(new Rejection(Json.obj("detail", text)));
    }

    private static Optional<Rejection> invalidValue(String message, String param) {
        return Optional.of(new Rejection(Json.obj("error", Json.obj("message", message,
                "type", "invalid_request_error", "param", param, "code", "invalid_value"))));
    }
}
