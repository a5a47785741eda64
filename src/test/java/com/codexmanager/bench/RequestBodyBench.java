package com.codexmanager.bench;

import com.codexmanager.gateway.anthropic.MessagesRequestMapper;
import com.codexmanager.gateway.chat.ChatRequestMapper;
import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.ResponsesBody;
import com.codexmanager.gateway.protocol.ResponsesRequestNormaliser;
import com.codexmanager.json.Json;
import com.codexmanager.json.JsonTreeReader;
import com.codexmanager.json.JsonTreeWriter;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What it costs the request thread to turn a Codex-sized Responses body into the upstream body: the Gson tree way
 * (parse, normalise a deep copy, serialise; what every /v1/responses request paid before) against the byte way
 * ({@link ResponsesBody}: one strict scan, then byte-range copies). Prints the mean of the first 100 bodies of a
 * fresh JVM (what the first turns after a start pay) and the p50 once warm. The same for the adapted routes: an
 * Anthropic Messages body as Claude Code sends it and a Chat Completions one, mapped to the upstream body with the
 * tree read and written by Gson ({@code messages-gson}, {@code chat-gson}: the gateway before) and by
 * {@link JsonTreeReader}/{@link JsonTreeWriter} ({@code messages-bytes}, {@code chat-bytes}: the gateway now). Run
 * by {@code scripts/bench-request-body.sh}.
 */
public final class RequestBodyBench {
    private RequestBodyBench() {
    }

    /**
     * Arguments: the way ({@code tree}, {@code bytes}, {@code messages-gson}, {@code messages-bytes},
     * {@code chat-gson}, {@code chat-bytes}) and the body size in KB; one JVM per way, so "first 100" is a fresh
     * JVM's.
     */
    public static void main(String[] args) {
        String way = args[0];
        int kb = Integer.parseInt(args[1]);
        ToIntFunction<byte[]> measured = switch (way) {
            case "tree" -> RequestBodyBench::viaTree;
            case "bytes" -> RequestBodyBench::viaBytes;
            case "messages-gson" -> body -> adaptedViaGson(body, RequestBodyBench::messages);
            case "messages-bytes" -> body -> adaptedViaBytes(body, RequestBodyBench::messages);
            case "chat-gson" -> body -> adaptedViaGson(body, ChatRequestMapper::map);
            case "chat-bytes" -> body -> adaptedViaBytes(body, ChatRequestMapper::map);
            default -> throw new IllegalArgumentException("unknown way " + way);
        };
        byte[] body = way.startsWith("messages") ? messagesBody(kb) : way.startsWith("chat") ? chatBody(kb)
                : codexBody(kb);
        report(kb, way, measure(body, measured));
    }

    private static AdaptedRequest messages(JsonObject body) {
        return MessagesRequestMapper.map(body, Map.of());
    }

    private static int adaptedViaGson(byte[] body, Function<JsonObject, AdaptedRequest> mapper) {
        JsonObject tree = Json.parse(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject upstream = ResponsesRequestNormaliser.normalise(mapper.apply(tree).body(), Optional.of("gpt-5.5"),
                Optional.empty());
        return upstream.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static int adaptedViaBytes(byte[] body, Function<JsonObject, AdaptedRequest> mapper) {
        JsonObject tree = JsonTreeReader.parse(body).getAsJsonObject();
        JsonObject upstream = ResponsesRequestNormaliser.normalise(mapper.apply(tree).body(), Optional.of("gpt-5.5"),
                Optional.empty());
        return JsonTreeWriter.utf8(upstream).length;
    }

    private static int viaTree(byte[] body) {
        JsonObject tree = Json.parse(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject upstream = ResponsesRequestNormaliser.normalise(tree, Optional.of("gpt-5.5"), Optional.empty());
        return upstream.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static int viaBytes(byte[] body) {
        ResponsesBody scanned = ResponsesBody.scan(body);
        return scanned.toUpstream("gpt-5.5", Optional.empty(), false).bytes().length + scanned.model().length();
    }

    /** Microseconds: the mean of the first 100 runs, then the median of 300 after at least 2,000 more and 4 s. */
    private static double[] measure(byte[] body, ToIntFunction<byte[]> way) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            sink += way.applyAsInt(body);
        }
        double first = (System.nanoTime() - start) / 100e3;
        long warmUntil = System.nanoTime() + 4_000_000_000L;
        for (int i = 0; i < 2_000 || System.nanoTime() < warmUntil; i++) {
            sink += way.applyAsInt(body);
        }
        long[] runs = new long[300];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            sink += way.applyAsInt(body);
            runs[i] = System.nanoTime() - t;
        }
        Arrays.sort(runs);
        if (sink == 42) {
            System.out.println();
        }
        return new double[] {first, runs[runs.length / 2] / 1e3};
    }

    private static void report(int kb, String way, double[] micros) {
        System.out.printf("%-8s %-14s %9.0f µs %9.0f µs%n", kb + " KB", way, micros[0], micros[1]);
    }

    /** A conversation as Codex CLI sends it: alternating user and assistant messages, about {@code kb} KB. */
    static byte[] codexBody(int kb) {
        JsonArray input = new JsonArray();
        int n = 0;
        while (input.toString().length() < kb * 1024) {
            String line = "Line " + n + " of an earlier turn: the function returns the parsed value and the caller "
                    + "checks it; \"quoted\" names and a path C:\\work stay escaped. ";
            JsonObject part = new JsonObject();
            part.addProperty("type", n % 2 == 0 ? "input_text" : "output_text");
            part.addProperty("text", line.repeat(8));
            JsonArray content = new JsonArray();
            content.add(part);
            JsonObject message = new JsonObject();
            message.addProperty("type", "message");
            message.addProperty("role", n % 2 == 0 ? "user" : "assistant");
            message.add("content", content);
            input.add(message);
            n++;
        }
        JsonObject body = new JsonObject();
        body.addProperty("model", "gpt-5.5");
        body.addProperty("stream", true);
        body.addProperty("instructions", "You are a coding agent.");
        body.add("input", input);
        body.addProperty("prompt_cache_key", "conversation-1");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String turnText(int n) {
        return ("Line " + n + " of an earlier turn: the function returns the parsed value and the caller checks it; "
                + "\"quoted\" names, a path C:\\work and été 漢字 stay as they are. ").repeat(8);
    }

    /** A tool definition with a JSON schema, as coding clients declare a dozen of them. */
    private static JsonObject schema(int n) {
        JsonObject path = new JsonObject();
        path.addProperty("type", "string");
        path.addProperty("description", "The absolute path of the file to act on; tool " + n + " checks it.");
        JsonObject properties = new JsonObject();
        properties.add("path", path);
        properties.add("content", path.deepCopy());
        JsonArray required = new JsonArray();
        required.add("path");
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        schema.add("properties", properties);
        schema.add("required", required);
        return schema;
    }

    /** Claude Code's shape: system blocks, a dozen tools, then text, tool_use and tool_result turns, about kb KB. */
    static byte[] messagesBody(int kb) {
        JsonArray tools = new JsonArray();
        for (int t = 0; t < 12; t++) {
            JsonObject tool = new JsonObject();
            tool.addProperty("name", "tool_" + t);
            tool.addProperty("description", "Does thing " + t + " to the workspace. ".repeat(10));
            tool.add("input_schema", schema(t));
            tools.add(tool);
        }
        JsonArray messages = new JsonArray();
        int n = 0;
        while (messages.toString().length() < kb * 1024) {
            JsonObject message = new JsonObject();
            JsonArray content = new JsonArray();
            JsonObject block = new JsonObject();
            if (n % 3 == 0) {
                message.addProperty("role", "user");
                block.addProperty("type", "text");
                block.addProperty("text", turnText(n));
            } else if (n % 3 == 1) {
                message.addProperty("role", "assistant");
                block.addProperty("type", "tool_use");
                block.addProperty("id", "toolu_" + n);
                block.addProperty("name", "tool_" + n % 12);
                JsonObject input = new JsonObject();
                input.addProperty("path", "/work/src/file" + n + ".java");
                block.add("input", input);
            } else {
                message.addProperty("role", "user");
                block.addProperty("type", "tool_result");
                block.addProperty("tool_use_id", "toolu_" + (n - 1));
                block.addProperty("content", turnText(n));
            }
            content.add(block);
            message.add("content", content);
            messages.add(message);
            n++;
        }
        JsonArray system = new JsonArray();
        JsonObject prompt = new JsonObject();
        prompt.addProperty("type", "text");
        prompt.addProperty("text", "You are Claude Code, a coding agent. ".repeat(100));
        system.add(prompt);
        JsonObject body = new JsonObject();
        body.addProperty("model", "claude-sonnet-4-5");
        body.addProperty("max_tokens", 32000);
        body.addProperty("stream", true);
        body.add("system", system);
        body.add("messages", messages);
        body.add("tools", tools);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Chat Completions conversation (system, user and assistant turns, a few tools), about kb KB. */
    static byte[] chatBody(int kb) {
        JsonArray messages = new JsonArray();
        JsonObject system = new JsonObject();
        system.addProperty("role", "system");
        system.addProperty("content", "You are a coding assistant. ".repeat(50));
        messages.add(system);
        int n = 0;
        while (messages.toString().length() < kb * 1024) {
            JsonObject message = new JsonObject();
            message.addProperty("role", n % 2 == 0 ? "user" : "assistant");
            message.addProperty("content", turnText(n));
            messages.add(message);
            n++;
        }
        JsonArray tools = new JsonArray();
        for (int t = 0; t < 6; t++) {
            JsonObject function = new JsonObject();
            function.addProperty("name", "tool_" + t);
            function.addProperty("description", "Does thing " + t + ".");
            function.add("parameters", schema(t));
            JsonObject tool = new JsonObject();
            tool.addProperty("type", "function");
            tool.add("function", function);
            tools.add(tool);
        }
        JsonObject body = new JsonObject();
        body.addProperty("model", "gpt-5.5");
        body.addProperty("stream", true);
        body.add("messages", messages);
        body.add("tools", tools);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
