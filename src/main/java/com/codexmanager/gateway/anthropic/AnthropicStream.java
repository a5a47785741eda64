package com.codexmanager.gateway.anthropic;

import static com.codexmanager.gateway.protocol.JsonFields.number;
import static com.codexmanager.gateway.protocol.JsonFields.object;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.SseWriter;
import com.codexmanager.gateway.sse.SseEvent;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Responses events → the Anthropic Messages event stream (codex-protocol.md §6.3): {@code message_start}, one
 * {@code content_block_start/delta/stop} run per thinking, text and tool-use block (blocks never overlap),
 * {@code message_delta} with {@code stop_reason} and usage, {@code message_stop}; {@code ping} while the upstream
 * is silent; {@code error} as the terminal failure. Every frame has its {@code event:} line. Request thread
 * writes; keep-alives come from the watchdog thread through {@link SseWriter}.
 */
final class AnthropicStream implements ClientStream {
    private static final byte[] PING = SseWriter.frame("ping", "{\"type\":\"ping\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final SseWriter out;
    private final AdaptedRequest request;
    private final AnthropicBlocks blocks;
    private String messageId = "msg_gateway";
    private String model = "";
    private volatile boolean started;
    private boolean finished;

    AnthropicStream(SseWriter out, AdaptedRequest request) {
        this.out = out;
        this.request = request;
        this.blocks = new AnthropicBlocks(out::write);
    }

    @Override
    public void begin() throws IOException {
        out.open();
    }

    @Override
    public void event(SseEvent event) throws IOException {
        JsonObject json = event.json();
        if (json == null || finished) {
            return;
        }
        String type = event.type();
        if (type.equals("response.created") || type.equals("response.in_progress")) {
            remember(object(json, "response"));
            return;
        }
        start();
        int outputIndex = (int) number(json, "output_index", -1);
        JsonObject item = object(json, "item");
        switch (type) {
            case "response.reasoning_summary_part.added" -> blocks.thinkingPart(outputIndex,
                    (int) number(json, "summary_index", 0));
            case "response.reasoning_summary_text.delta" -> blocks.thinking(outputIndex, string(json, "delta"));
            case "response.output_text.delta" -> blocks.text(outputIndex, string(json, "delta"));
            case "response.content_part.done" -> blocks.closeText(outputIndex);
            case "response.output_item.added" -> {
                if ("function_call".equals(string(item, "type")) || "custom_tool_call".equals(string(item, "type"))) {
                    blocks.toolUse(outputIndex, string(item, "call_id"),
                            request.toolNames().original(string(item, "name")));
                }
            }
            case "response.function_call_arguments.delta" -> blocks.toolArguments(outputIndex, string(json, "delta"));
            case "response.output_item.done" -> blocks.itemDone(outputIndex, item, request.toolNames());
            case "response.completed", "response.incomplete" -> finish(object(json, "response"));
            case "response.failed" -> {
                JsonObject error = object(object(json, "response"), "error");
                terminalError(string(error, "code"), string(error, "message"));
            }
            case "error" -> {
                JsonObject error = object(json, "error");
                terminalError(string(error, "code") == null ? string(error, "type") : string(error, "code"),
                        string(error, "message"));
            }
            default -> {
            }
        }
    }

    private void remember(JsonObject response) {
        if (response != null) {
            messageId = string(response, "id") == null ? messageId : string(response, "id");
            model = string(response, "model") == null ? model : string(response, "model");
        }
    }

    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        JsonObject usage = new JsonObject();
        usage.addProperty("input_tokens", 0);
        usage.addProperty("output_tokens", 0);
        JsonObject message = new JsonObject();
        message.addProperty("id", messageId);
        message.addProperty("type", "message");
        message.addProperty("role", "assistant");
        message.addProperty("model", model);
        message.add("content", new com.google.gson.JsonArray());
        message.add("stop_reason", com.google.gson.JsonNull.INSTANCE);
        message.add("stop_sequence", com.google.gson.JsonNull.INSTANCE);
        message.add("usage", usage);
        JsonObject event = new JsonObject();
        event.addProperty("type", "message_start");
        event.add("message", message);
        out.write(SseWriter.frame("message_start", event.toString()));
    }

    private void finish(JsonObject response) throws IOException {
        blocks.closeOpen();
        JsonObject delta = new JsonObject();
        delta.addProperty("stop_reason", AnthropicUsage.stopReason(response, blocks.sawToolUse()));
        delta.add("stop_sequence", com.google.gson.JsonNull.INSTANCE);
        JsonObject event = new JsonObject();
        event.addProperty("type", "message_delta");
        event.add("delta", delta);
        event.add("usage", AnthropicUsage.from(object(response, "usage")));
        out.write(SseWriter.frame("message_delta", event.toString()));
        out.write(SseWriter.frame("message_stop", "{\"type\":\"message_stop\"}"));
        finished = true;
    }

    private void terminalError(String code, String message) throws IOException {
        JsonObject error = new JsonObject();
        error.addProperty("type", AnthropicUsage.errorType(code));
        error.addProperty("message", message == null ? "the upstream response failed (" + code + ")" : message);
        JsonObject event = new JsonObject();
        event.addProperty("type", "error");
        event.add("error", error);
        out.write(SseWriter.frame("error", event.toString()));
        finished = true;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void keepalive() throws IOException {
        if (started) {
            out.keepalive(PING);
        }
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
}
