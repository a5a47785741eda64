package com.codexmanager.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the event scripts need to know about one {@code /responses} request. Immutable.
 *
 * @param serial the fake-wide response number, used in every id of this response
 * @param createdAt unix seconds
 */
record ResponseContext(long serial, String model, long createdAt, String replyText, List<String> functionTools,
        List<String> customTools, boolean reasoningRequested, int inputTokens) {
    private static final Pattern MAGIC_WORD = Pattern.compile("\\[\\[scenario:([A-Za-z0-9_-]+)]]");

    ResponseContext {
        functionTools = List.copyOf(functionTools);
        customTools = List.copyOf(customTools);
    }

    String responseId() {
        return String.format("resp_fake%06d", serial);
    }

    /** An item id such as {@code msg_fake000012_1}. */
    String itemId(String prefix, int index) {
        return String.format("%s_fake%06d_%d", prefix, serial, index);
    }

    /**
     * Reads a request body.
     *
     * @param fixedReply nullable; null answers {@code "echo: " + last user text} (magic words removed)
     */
    static ResponseContext of(JsonObject body, long serial, long createdAt, String fixedReply) {
        String lastUser = lastUserText(body).orElse("");
        String echo = MAGIC_WORD.matcher(lastUser).replaceAll("").trim();
        List<String> functions = new ArrayList<>();
        List<String> customs = new ArrayList<>();
        JsonElement tools = body.get("tools");
        if (tools != null && tools.isJsonArray()) {
            for (JsonElement tool : tools.getAsJsonArray()) {
                if (tool.isJsonObject()) {
                    String type = Json.string(tool.getAsJsonObject(), "type");
                    String name = Json.string(tool.getAsJsonObject(), "name");
                    if ("function".equals(type) && name != null) {
                        functions.add(name);
                    } else if ("custom".equals(type) && name != null) {
                        customs.add(name);
                    }
                }
            }
        }
        JsonElement reasoning = body.get("reasoning");
        int inputTokens = Math.max(1, Json.write(body.get("input")).length() / 4);
        return new ResponseContext(serial, Json.string(body, "model"), createdAt,
                fixedReply != null ? fixedReply : "echo: " + echo, functions, customs,
                reasoning != null && reasoning.isJsonObject(), inputTokens);
    }

    /** The {@code [[scenario:word]]} in the last user message, if any. */
    static Optional<String> magicWord(JsonObject body) {
        Matcher matcher = MAGIC_WORD.matcher(lastUserText(body).orElse(""));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The text of the last {@code role:"user"} message: its string content or its text parts joined. A bare string
     * {@code input} (the public Responses API's shorthand, which Azure takes) is that message.
     */
    static Optional<String> lastUserText(JsonObject body) {
        JsonElement input = body.get("input");
        if (input != null && input.isJsonPrimitive()) {
            return Optional.of(input.getAsString());
        }
        if (input == null || !input.isJsonArray()) {
            return Optional.empty();
        }
        JsonArray items = input.getAsJsonArray();
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).isJsonObject() && "user".equals(Json.string(items.get(i).getAsJsonObject(), "role"))) {
                return Optional.of(textOf(items.get(i).getAsJsonObject().get("content")));
            }
        }
        return Optional.empty();
    }

    private static String textOf(JsonElement content) {
        if (content == null || content.isJsonNull()) {
            return "";
        }
        if (content.isJsonPrimitive()) {
            return content.getAsString();
        }
        StringBuilder text = new StringBuilder();
        if (content.isJsonArray()) {
            for (JsonElement part : content.getAsJsonArray()) {
                String partText = part.isJsonObject() ? Json.string(part.getAsJsonObject(), "text") : null;
                if (partText != null) {
                    text.append(text.length() == 0 ? "" : "\n").append(partText);
                }
            }
        }
        return text.toString();
    }
}
