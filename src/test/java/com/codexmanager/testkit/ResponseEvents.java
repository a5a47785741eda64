package com.codexmanager.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the §2.7 event sequence of one response, item by item, as {@link StreamStep.Emit} steps. Sequence
 * numbers are added by {@link SseStreamer} when the events are written. Single-thread.
 */
final class ResponseEvents {
    static final int REASONING_TOKENS = 16;

    /** How a message item ends. */
    enum MessageEnd { COMPLETED, INCOMPLETE, OPEN }

    private final ResponseContext context;
    private final List<StreamStep> steps = new ArrayList<>();
    private final JsonArray output = new JsonArray();
    private int outputIndex;
    private int outputTokens;
    private int reasoningTokens;

    ResponseEvents(ResponseContext context) {
        this.context = context;
    }

    List<StreamStep> steps() {
        return List.copyOf(steps);
    }

    ResponseEvents start() {
        emit("response.created", Json.obj("response", response("in_progress", new JsonArray(), null)));
        emit("response.in_progress", Json.obj("response", response("in_progress", new JsonArray(), null)));
        return this;
    }

    ResponseEvents reasoning() {
        int index = outputIndex++;
        String itemId = context.itemId("rs", index);
        String summary = "**Considering the request**";
        emit("response.output_item.added", Json.obj("output_index", index,
                "item", Json.obj("id", itemId, "type", "reasoning", "summary", Json.arr())));
        JsonObject where = Json.obj("item_id", itemId, "output_index", index, "summary_index", 0);
        emit("response.reasoning_summary_part.added", with(where, "part", summaryPart("")));
        emit("response.reasoning_summary_text.delta", with(where, "delta", "**Considering"));
        emit("response.reasoning_summary_text.delta", with(where, "delta", " the request**"));
        emit("response.reasoning_summary_text.done", with(where, "text", summary));
        emit("response.reasoning_summary_part.done", with(where, "part", summaryPart(summary)));
        JsonObject item = Json.obj("id", itemId, "type", "reasoning", "summary", Json.arr(summaryPart(summary)),
                "encrypted_content", "gAAAAB-fake-encrypted-reasoning-" + context.responseId());
        itemDone(index, item);
        reasoningTokens += REASONING_TOKENS;
        return this;
    }

    ResponseEvents message(String text, MessageEnd end) {
        int index = outputIndex++;
        String itemId = context.itemId("msg", index);
        emit("response.output_item.added", Json.obj("output_index", index, "item", Json.obj("id", itemId,
                "type", "message", "status", "in_progress", "role", "assistant", "content", Json.arr())));
        JsonObject where = Json.obj("item_id", itemId, "output_index", index, "content_index", 0);
        emit("response.content_part.added", with(where, "part", textPart("")));
        List<String> chunks = chunks(text);
        int sent = end == MessageEnd.COMPLETED ? chunks.size() : Math.max(1, chunks.size() / 2);
        StringBuilder streamed = new StringBuilder();
        for (String chunk : chunks.subList(0, sent)) {
            emit("response.output_text.delta", with(where, "delta", chunk));
            streamed.append(chunk);
        }
        outputTokens += sent;
        if (end == MessageEnd.OPEN) {
            return this;
        }
        emit("response.output_text.done", with(where, "text", streamed.toString()));
        emit("response.content_part.done", with(where, "part", textPart(streamed.toString())));
        itemDone(index, Json.obj("id", itemId, "type", "message",
                "status", end == MessageEnd.COMPLETED ? "completed" : "incomplete", "role", "assistant",
                "content", Json.arr(textPart(streamed.toString()))));
        return this;
    }

    ResponseEvents functionCall(String name, String callId, String arguments) {
        int index = outputIndex++;
        String itemId = context.itemId("fc", index);
        emit("response.output_item.added", Json.obj("output_index", index, "item", Json.obj("id", itemId,
                "type", "function_call", "status", "in_progress", "call_id", callId, "name", name,
                "arguments", "")));
        JsonObject where = Json.obj("item_id", itemId, "output_index", index);
        int half = arguments.length() / 2;
        emit("response.function_call_arguments.delta", with(where, "delta", arguments.substring(0, half)));
        emit("response.function_call_arguments.delta", with(where, "delta", arguments.substring(half)));
        emit("response.function_call_arguments.done", with(where, "arguments", arguments));
        itemDone(index, Json.obj("id", itemId, "type", "function_call", "status", "completed", "call_id", callId,
                "name", name, "arguments", arguments));
        outputTokens += 8;
        return this;
    }

    ResponseEvents customToolCall(String name, String callId, String input) {
        int index = outputIndex++;
        String itemId = context.itemId("ctc", index);
        emit("response.output_item.added", Json.obj("output_index", index, "item", Json.obj("id", itemId,
                "type", "custom_tool_call", "status", "in_progress", "call_id", callId, "name", name, "input", "")));
        JsonObject where = Json.obj("item_id", itemId, "output_index", index);
        for (String line : input.split("(?<=\n)")) {
            emit("response.custom_tool_call_input.delta", with(where, "delta", line));
        }
        emit("response.custom_tool_call_input.done", with(where, "input", input));
        itemDone(index, Json.obj("id", itemId, "type", "custom_tool_call", "status", "completed",
                "call_id", callId, "name", name, "input", input));
        outputTokens += 12;
        return this;
    }

    /** {@code response.completed}; {@code listOutput=false} sends {@code "output":[]} as the real backend may. */
    ResponseEvents completed(boolean listOutput) {
        emit("response.completed", Json.obj("response",
                response("completed", listOutput ? output.deepCopy() : new JsonArray(), usage())));
        return this;
    }

    ResponseEvents failed(String code, String message) {
        JsonObject response = response("failed", new JsonArray(), null);
        response.add("error", Json.obj("code", code, "message", message));
        emit("response.failed", Json.obj("response", response));
        return this;
    }

    ResponseEvents incomplete(String reason) {
        JsonObject response = response("incomplete", output.deepCopy(), usage());
        response.add("incomplete_details", Json.obj("reason", reason));
        emit("response.incomplete", Json.obj("response", response));
        return this;
    }

    /** An in-stream {@code {"type":"error"}} event. */
    ResponseEvents error(String type, String code, String message) {
        emit("error", Json.obj("error", Json.obj("type", type, "code", code, "message", message, "param", null)));
        return this;
    }

    private void itemDone(int index, JsonObject item) {
        output.add(item);
        emit("response.output_item.done", Json.obj("output_index", index, "item", item));
    }

    private JsonObject response(String status, JsonArray items, JsonObject usage) {
        return Json.obj("id", context.responseId(), "object", "response", "created_at", context.createdAt(),
                "status", status, "model", context.model(), "output", items, "error", null,
                "incomplete_details", null, "usage", usage);
    }

    private JsonObject usage() {
        int totalOutput = outputTokens + reasoningTokens;
        return Json.obj("input_tokens", context.inputTokens(), "input_tokens_details", Json.obj("cached_tokens", 0),
                "output_tokens", totalOutput, "output_tokens_details", Json.obj("reasoning_tokens", reasoningTokens),
                "total_tokens", context.inputTokens() + totalOutput);
    }

    private void emit(String type, JsonObject fields) {
        steps.add(new StreamStep.Emit(type, fields));
    }

    private static JsonObject with(JsonObject base, String key, Object value) {
        JsonObject copy = base.deepCopy();
        copy.add(key, Json.value(value));
        return copy;
    }

    private static JsonObject summaryPart(String text) {
        return Json.obj("type", "summary_text", "text", text);
    }

    private static JsonObject textPart(String text) {
        return Json.obj("type", "output_text", "annotations", Json.arr(), "text", text);
    }

    /** Splits before each whitespace run: {@code "a b c"} → {@code "a", " b", " c"}. */
    static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>(List.of(text.split("(?<=\\S)(?=\\s)")));
        chunks.removeIf(String::isEmpty);
        return chunks.isEmpty() ? List.of(text.isEmpty() ? " " : text) : chunks;
    }
}
