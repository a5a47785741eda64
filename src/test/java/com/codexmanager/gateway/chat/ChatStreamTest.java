package com.codexmanager.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.SseWriter;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.json.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-delta chunks, written around the escaped text without a tree, read byte for byte as the chunk Gson writes
 * from the tree the stream builds for its other chunks.
 */
class ChatStreamTest {
    private static final List<String> TEXTS = List.of("plain", "a \"quote\", a \\ and\nlines\t",
            "caf\u00e9 \uD83D\uDE00 \u2028 \u0001 </script>");

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final ChatStream stream = new ChatStream(new SseWriter(response(wire)),
            AdaptedRequest.of(new JsonObject(), true));

    @Test
    void text_reasoning_and_argument_deltas_read_as_gson_writes_the_chunk() throws Exception {
        stream.begin();
        stream.event(SseEvent.of(Json.object("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_\\\"1\","
                + "\"created_at\":1765000000,\"model\":\"gpt-5.5 \\u00e9\"}}")));
        stream.event(delta("response.output_text.delta", "first", 0));
        stream.event(SseEvent.of(Json.object("{\"type\":\"response.output_item.added\",\"output_index\":1,"
                + "\"item\":{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"f\"}}")));
        wire.reset();

        StringBuilder expected = new StringBuilder();
        for (String text : TEXTS) {
            stream.event(delta("response.output_text.delta", text, 0));
            expected.append(chunk(textDelta("content", text)));
            stream.event(delta("response.reasoning_summary_text.delta", text, 0));
            expected.append(chunk(textDelta("reasoning_content", text)));
            stream.event(delta("response.function_call_arguments.delta", text, 1));
            expected.append(chunk(toolDelta(text)));
        }
        stream.flush();

        assertThat(wire.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    private static SseEvent delta(String type, String text, int outputIndex) {
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        event.addProperty("output_index", outputIndex);
        event.addProperty("delta", text);
        return SseEvent.of(type, event.toString());
    }

    private static JsonObject textDelta(String field, String text) {
        JsonObject delta = new JsonObject();
        delta.addProperty(field, text);
        return delta;
    }

    private static JsonObject toolDelta(String fragment) {
        JsonObject function = new JsonObject();
        function.addProperty("arguments", fragment);
        JsonObject call = new JsonObject();
        call.addProperty("index", 0);
        call.add("function", function);
        JsonArray calls = new JsonArray();
        calls.add(call);
        JsonObject delta = new JsonObject();
        delta.add("tool_calls", calls);
        return delta;
    }

    /** The chunk as the stream's tree path writes it. */
    private static String chunk(JsonObject delta) {
        JsonObject choice = new JsonObject();
        choice.addProperty("index", 0);
        choice.add("delta", delta);
        choice.add("finish_reason", JsonNull.INSTANCE);
        JsonArray choices = new JsonArray();
        choices.add(choice);
        JsonObject chunk = new JsonObject();
        chunk.addProperty("id", "chatcmpl-resp_\"1");
        chunk.addProperty("object", "chat.completion.chunk");
        chunk.addProperty("created", 1765000000L);
        chunk.addProperty("model", "gpt-5.5 \u00e9");
        chunk.add("choices", choices);
        return "data: " + chunk + "\n\n";
    }

    /** A servlet response whose body is {@code wire}; every other call does nothing. */
    private static HttpServletResponse response(ByteArrayOutputStream wire) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                wire.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                wire.write(b, off, len);
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(ChatStreamTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOutputStream")) {
                        return out;
                    }
                    Class<?> type = method.getReturnType();
                    return type == boolean.class ? false : type == int.class ? 0 : null;
                });
    }
}
