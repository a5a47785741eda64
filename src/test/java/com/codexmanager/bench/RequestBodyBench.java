package com.codexmanager.bench;

import com.codexmanager.gateway.protocol.ResponsesBody;
import com.codexmanager.gateway.protocol.ResponsesRequestNormaliser;
import com.codexmanager.json.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What it costs the request thread to turn a Codex-sized Responses body into the upstream body: the Gson tree way
 * (parse, normalise a deep copy, serialise; what every /v1/responses request paid before) against the byte way
 * ({@link ResponsesBody}: one strict scan, then byte-range copies). Prints the mean of the first 100 bodies of a
 * fresh JVM (what the first turns after a start pay) and the p50 once warm. Run by
 * {@code scripts/bench-request-body.sh}.
 */
public final class RequestBodyBench {
    private RequestBodyBench() {
    }

    /** Arguments: {@code tree|bytes} and the body size in KB; one JVM per pair, so "first 100" is a fresh JVM's. */
    public static void main(String[] args) {
        boolean tree = args[0].equals("tree");
        int kb = Integer.parseInt(args[1]);
        byte[] body = codexBody(kb);
        report(kb, args[0], measure(body, tree ? RequestBodyBench::viaTree : RequestBodyBench::viaBytes));
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
        System.out.printf("%-8s %-6s %9.0f µs %9.0f µs%n", kb + " KB", way, micros[0], micros[1]);
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
}
