package com.codexmanager.gateway.anthropic;

import static com.codexmanager.gateway.protocol.JsonFields.array;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.SseWriter;
import com.codexmanager.json.JsonStrings;
import com.codexmanager.gateway.protocol.ToolNames;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;

/**
 * The content blocks of one Anthropic stream: at most one block is open; opening another closes it first, so
 * blocks never overlap. Each upstream output item (by {@code output_index}) maps to one block. Single-thread.
 */
final class AnthropicBlocks {
    /** Where frames go. */
    interface Sink {
        void write(String frame) throws IOException;
    }

    private enum Kind { THINKING, TEXT, TOOL_USE }

    private final Sink sink;
    private int nextIndex;
    private Kind openKind;
    private int openIndex;
    private int openItem = -1;
    private boolean openHasDeltas;
    private int lastClosedItem = -1;
    private boolean sawToolUse;

    AnthropicBlocks(Sink sink) {
        this.sink = sink;
    }

    boolean sawToolUse() {
        return sawToolUse;
    }

    void thinkingPart(int item, int summaryIndex) throws IOException {
        if (summaryIndex > 0 && isOpen(Kind.THINKING, item)) {
            delta("thinking_delta", "thinking", "\n\n");
        }
    }

    void thinking(int item, String text) throws IOException {
        if (text == null || text.isEmpty()) {
            return;
        }
        ensureOpen(Kind.THINKING, item, block("thinking", "thinking", ""));
        delta("thinking_delta", "thinking", text);
    }

    void text(int item, String text) throws IOException {
        if (text == null || text.isEmpty()) {
            return;
        }
        ensureOpen(Kind.TEXT, item, block("text", "text", ""));
        delta("text_delta", "text", text);
    }

    void closeText(int item) throws IOException {
        if (isOpen(Kind.TEXT, item)) {
            close();
        }
    }

    void toolUse(int item, String callId, String name) throws IOException {
        JsonObject block = new JsonObject();
        block.addProperty("type", "tool_use");
        block.addProperty("id", callId);
        block.addProperty("name", name);
        block.add("input", new JsonObject());
        ensureOpen(Kind.TOOL_USE, item, block);
        sawToolUse = true;
    }

    void toolArguments(int item, String fragment) throws IOException {
        if (fragment != null && !fragment.isEmpty() && isOpen(Kind.TOOL_USE, item)) {
            delta("input_json_delta", "partial_json", fragment);
        }
    }

    /** Finishes the block of a done item, emitting what its deltas did not carry. */
    void itemDone(int item, JsonObject done, ToolNames names) throws IOException {
        String type = string(done, "type");
        if ("reasoning".equals(type)) {
            ensureOpen(Kind.THINKING, item, block("thinking", "thinking", ""));
            String signature = string(done, "encrypted_content");
            if (signature != null) {
                delta("signature_delta", "signature", signature);
            }
            close();
        } else if ("message".equals(type)) {
            if (!isOpen(Kind.TEXT, item) && item != lastClosedItem) {
                String text = joinedText(done);
                if (!text.isEmpty()) {
                    text(item, text);
                }
            }
            closeText(item);
        } else if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
            if (!isOpen(Kind.TOOL_USE, item)) {
                toolUse(item, string(done, "call_id"), names.original(string(done, "name")));
            }
            if (!openHasDeltas) {
                String arguments = "function_call".equals(type) ? string(done, "arguments") : customInput(done);
                if (arguments != null && !arguments.isEmpty()) {
                    delta("input_json_delta", "partial_json", arguments);
                }
            }
            close();
        }
    }

    void closeOpen() throws IOException {
        if (openKind != null) {
            close();
        }
    }

    private boolean isOpen(Kind kind, int item) {
        return openKind == kind && openItem == item;
    }

    private void ensureOpen(Kind kind, int item, JsonObject contentBlock) throws IOException {
        if (isOpen(kind, item)) {
            return;
        }
        closeOpen();
        openKind = kind;
        openItem = item;
        openIndex = nextIndex++;
        openHasDeltas = false;
        JsonObject event = new JsonObject();
        event.addProperty("type", "content_block_start");
        event.addProperty("index", openIndex);
        event.add("content_block", contentBlock);
        sink.write(SseWriter.frame("content_block_start", event.toString()));
    }

    /** Written around the escaped value, without a tree: these are the frequent frames, one per upstream delta. */
    private void delta(String deltaType, String field, String value) throws IOException {
        sink.write("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":" + openIndex
                + ",\"delta\":{\"type\":\"" + deltaType + "\",\"" + field + "\":" + JsonStrings.quoted(value)
                + "}}\n\n");
        openHasDeltas = true;
    }

    private void close() throws IOException {
        sink.write(SseWriter.frame("content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":" + openIndex + "}"));
        lastClosedItem = openItem;
        openKind = null;
        openItem = -1;
    }

    private static JsonObject block(String type, String field, String value) {
        JsonObject block = new JsonObject();
        block.addProperty("type", type);
        block.addProperty(field, value);
        if ("thinking".equals(type)) {
            block.addProperty("signature", "");
        }
        return block;
    }

    static String joinedText(JsonObject message) {
        StringBuilder text = new StringBuilder();
        var content = array(message, "content");
        if (content != null) {
            for (JsonElement part : content) {
                if (part.isJsonObject() && "output_text".equals(string(part.getAsJsonObject(), "type"))) {
                    text.append(string(part.getAsJsonObject(), "text"));
                }
            }
        }
        return text.toString();
    }

    static String customInput(JsonObject done) {
        JsonObject input = new JsonObject();
        input.addProperty("input", string(done, "input"));
        return input.toString();
    }
}
