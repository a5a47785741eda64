package com.codexmanager.gateway.chat;

import static com.codexmanager.gateway.protocol.JsonFields.number;
import static com.codexmanager.gateway.protocol.JsonFields.object;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.SseWriter;
import com.codexmanager.gateway.sse.Delta;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.json.JsonStrings;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Responses events → {@code chat.completion.chunk} frames (codex-protocol.md §5.2): role and content deltas,
 * {@code reasoning_content} deltas, tool-call deltas (index, id, name, argument fragments), a final chunk with
 * {@code finish_reason}, a usage chunk when the client asked for one, then {@code data: [DONE]}. A failure ends
 * the stream with an error chunk and {@code [DONE]}. Request thread writes; keep-alives come from the watchdog.
 */
final class ChatStream implements ClientStream {
    private static final byte[] KEEPALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final SseWriter out;
    private final AdaptedRequest request;
    private final Map<Integer, Integer> toolIndexByOutput = new HashMap<>();
    private final Set<Integer> argumentsSeen = new HashSet<>();
    private String id = completionId(null);
    private long created;
    private String model;
    private boolean roleSent;
    private boolean finished;

    ChatStream(SseWriter out, AdaptedRequest request) {
        this.out = out;
        this.request = request;
    }

    static String completionId(String responseId) {
        return "chatcmpl-" + (responseId == null ? "gateway" : responseId);
    }

    @Override
    public void begin() throws IOException {
        out.open();
    }

    @Override
    public void event(SseEvent event) throws IOException {
        if (finished) {
            return;
        }
        String type = event.type();
        switch (type) {
            // the frequent delta events are read without building a tree
            case "response.output_text.delta" -> {
                delta("content", event.delta().text());
                return;
            }
            case "response.reasoning_summary_text.delta" -> {
                delta("reasoning_content", event.delta().text());
                return;
            }
            case "response.function_call_arguments.delta", "response.custom_tool_call_input.delta" -> {
                Delta d = event.delta();
                arguments(d.outputIndex(), d.text());
                return;
            }
            default -> {
            }
        }
        JsonObject json = event.json();
        if (json == null) {
            return;
        }
        int outputIndex = (int) number(json, "output_index", -1);
        switch (type) {
            case "response.created", "response.in_progress" -> remember(object(json, "response"));
            case "response.output_item.added" -> toolCallStarted(object(json, "item"), outputIndex);
            case "response.output_item.done" -> toolCallDone(object(json, "item"), outputIndex);
            case "response.completed", "response.incomplete" -> finish(object(json, "response"));
            case "response.failed" -> {
                JsonObject error = object(object(json, "response"), "error");
                terminalError(string(error, "code"), string(error, "message"));
            }
            case "error" -> {
                JsonObject error = object(json, "error");
                terminalError(string(error, "code"), string(error, "message"));
            }
            default -> {
            }
        }
    }

    private void remember(JsonObject response) {
        if (response != null) {
            id = completionId(string(response, "id"));
            created = number(response, "created_at", created);
            model = string(response, "model") == null ? model : string(response, "model");
        }
    }

    private void delta(String field, String text) throws IOException {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (roleSent) {
            write(deltaChunk("{\"" + field + "\":" + JsonStrings.quoted(text) + "}"));
            return;
        }
        JsonObject delta = new JsonObject();
        delta.addProperty(field, text);
        write(chunk(delta, null));
    }

    /**
     * The chunk {@link #chunk} builds for a delta once the role is sent, written around the delta's JSON without a
     * tree: these are the frequent frames, one per upstream delta.
     */
    private String deltaChunk(String deltaJson) {
        return "data: {\"id\":" + JsonStrings.quoted(id) + ",\"object\":\"chat.completion.chunk\",\"created\":"
                + created + ",\"model\":" + JsonStrings.quoted(model == null ? "" : model)
                + ",\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":null}]}\n\n";
    }

    private boolean isToolCall(JsonObject item) {
        String type = string(item, "type");
        return "function_call".equals(type) || "custom_tool_call".equals(type);
    }

    private void toolCallStarted(JsonObject item, int outputIndex) throws IOException {
        if (item == null || !isToolCall(item) || toolIndexByOutput.containsKey(outputIndex)) {
            return;
        }
        int index = toolIndexByOutput.size();
        toolIndexByOutput.put(outputIndex, index);
        write(toolChunk(index, string(item, "call_id"), request.toolNames().original(string(item, "name")), ""));
    }

    private void arguments(int outputIndex, String fragment) throws IOException {
        Integer index = toolIndexByOutput.get(outputIndex);
        if (index == null || fragment == null || fragment.isEmpty()) {
            return;
        }
        argumentsSeen.add(outputIndex);
        if (roleSent) {
            write(deltaChunk("{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
                    + JsonStrings.quoted(fragment) + "}}]}"));
            return;
        }
        write(toolChunk(index, null, null, fragment));
    }

    private void toolCallDone(JsonObject item, int outputIndex) throws IOException {
        if (item == null || !isToolCall(item)) {
            return;
        }
        String arguments = "custom_tool_call".equals(string(item, "type")) ? string(item, "input")
                : string(item, "arguments");
        Integer index = toolIndexByOutput.get(outputIndex);
        if (index == null) {
            index = toolIndexByOutput.size();
            toolIndexByOutput.put(outputIndex, index);
            write(toolChunk(index, string(item, "call_id"), request.toolNames().original(string(item, "name")),
                    arguments == null ? "" : arguments));
        } else if (!argumentsSeen.contains(outputIndex) && arguments != null && !arguments.isEmpty()) {
            write(toolChunk(index, null, null, arguments));
        }
        argumentsSeen.add(outputIndex);
    }

    private void finish(JsonObject response) throws IOException {
        remember(response);
        write(chunk(new JsonObject(), ChatUsage.finishReason(response, !toolIndexByOutput.isEmpty())));
        JsonObject usage = ChatUsage.from(object(response, "usage"));
        if (request.includeUsage() && usage != null) {
            JsonObject last = envelope();
            last.add("choices", new JsonArray());
            last.add("usage", usage);
            write(SseWriter.data(last.toString()));
        }
        done();
    }

    private void terminalError(String code, String message) throws IOException {
        JsonObject error = new JsonObject();
        error.addProperty("message", message == null ? "the upstream response failed" : message);
        error.addProperty("type", "server_error");
        error.addProperty("code", code == null ? "upstream_error" : code);
        JsonObject body = new JsonObject();
        body.add("error", error);
        write(SseWriter.data(body.toString()));
        done();
    }

    private void done() throws IOException {
        write(SseWriter.data("[DONE]"));
        finished = true;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void keepalive() throws IOException {
        out.keepalive(KEEPALIVE);
    }

    @Override
    public void fail(String code, String message) throws IOException {
        if (!finished) {
            terminalError(code, message);
        }
        out.flush();
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private String toolChunk(int index, String callId, String name, String arguments) {
        JsonObject function = new JsonObject();
        if (name != null) {
            function.addProperty("name", name);
        }
        function.addProperty("arguments", arguments);
        JsonObject call = new JsonObject();
        call.addProperty("index", index);
        if (callId != null) {
            call.addProperty("id", callId);
            call.addProperty("type", "function");
        }
        call.add("function", function);
        JsonArray calls = new JsonArray();
        calls.add(call);
        JsonObject delta = new JsonObject();
        delta.add("tool_calls", calls);
        return chunk(delta, null);
    }

    private String chunk(JsonObject delta, String finishReason) {
        if (!roleSent) {
            delta.addProperty("role", "assistant");
            roleSent = true;
        }
        JsonObject choice = new JsonObject();
        choice.addProperty("index", 0);
        choice.add("delta", delta);
        if (finishReason == null) {
            choice.add("finish_reason", JsonNull.INSTANCE);
        } else {
            choice.addProperty("finish_reason", finishReason);
        }
        JsonArray choices = new JsonArray();
        choices.add(choice);
        JsonObject chunk = envelope();
        chunk.add("choices", choices);
        return SseWriter.data(chunk.toString());
    }

    private JsonObject envelope() {
        JsonObject chunk = new JsonObject();
        chunk.addProperty("id", id);
        chunk.addProperty("object", "chat.completion.chunk");
        chunk.addProperty("created", created);
        chunk.addProperty("model", model == null ? "" : model);
        return chunk;
    }

    private void write(String frame) throws IOException {
        out.write(frame);
    }
}
