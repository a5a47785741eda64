package com.codexmanager.gateway.protocol;

import com.codexmanager.json.JsonBytes;
import com.codexmanager.json.JsonMembers;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A client's Responses request kept as the bytes it arrived in: scanned once (strict JSON, UTF-8) for the few
 * top-level fields routing needs, then rewritten toward the backend by copying byte ranges. The result is the one
 * {@link ResponsesRequestNormaliser} gives on a Gson tree (same members and values; numbers and strings keep
 * their original spelling), without building and re-serialising a tree of a conversation that Codex CLI sends whole
 * with every turn and that is forwarded as it is. Unlike the tree, it forwards a name repeated inside a nested value
 * (below the top level and an input item's own members) as sent, and it refuses bytes that are not UTF-8 instead of
 * replacing them. Immutable.
 */
public final class ResponsesBody {
    private static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";
    private static final byte[] USER_MESSAGE_START = ascii(
            "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":");
    private static final byte[] USER_MESSAGE_END = ascii("}]}");

    private final byte[] bytes;
    private final JsonMembers members;

    private ResponsesBody(byte[] bytes, JsonMembers members) {
        this.bytes = bytes;
        this.members = members;
    }

    /** The upstream body and the reasoning effort it asks for ({@code null} when none). */
    public record Upstream(byte[] bytes, String reasoningEffort) {
    }

    /** @throws AdapterException 400 {@code invalid_json} when the bytes are not one strict JSON object */
    public static ResponsesBody scan(byte[] bytes) {
        int start = JsonBytes.skipWhitespace(bytes, startsWithByteOrderMark(bytes) ? 3 : 0);
        try {
            if (start >= bytes.length || bytes[start] != '{') {
                if (start < bytes.length) {
                    JsonBytes.requireOnlyWhitespaceAfter(bytes, JsonBytes.valueEnd(bytes, start));
                }
                throw new AdapterException(400, "invalid_json", "the request body must be a JSON object");
            }
            JsonMembers members = JsonMembers.of(bytes, start);
            JsonBytes.requireOnlyWhitespaceAfter(bytes, members.end());
            return new ResponsesBody(bytes, members);
        } catch (JsonBytes.MalformedJsonException e) {
            throw new AdapterException(400, "invalid_json", "the request body is not valid JSON");
        }
    }

    /** A UTF-8 byte-order mark, which Gson skips too (it is not part of the copied ranges). */
    private static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    /** {@code model} as a string, or {@code null} when absent or not a scalar. */
    public String model() {
        return members.scalarText("model");
    }

    /** {@code stream} when it is a boolean, else {@code fallback}. */
    public boolean stream(boolean fallback) {
        JsonMembers.Member m = members.get("stream");
        if (m == null || (m.kind(bytes) != 't' && m.kind(bytes) != 'f')) {
            return fallback;
        }
        return m.kind(bytes) == 't';
    }

    /** {@code prompt_cache_key} as a string, or {@code null} when absent, not a scalar or blank. */
    public String promptCacheKey() {
        String key = members.scalarText("prompt_cache_key");
        return key == null || key.isBlank() ? null : key;
    }

    /** The bytes as the client sent them. */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * The body toward the backend, as {@link ResponsesRequestNormaliser#normalise} makes it, for {@code /responses}
     * or (when {@code compact}) {@code /responses/compact}, which takes no {@code stream}, {@code store} or
     * {@code include}.
     *
     * @param model  the model the request goes upstream with
     * @param effort the key's reasoning override, if any
     */
    public Upstream toUpstream(String model, Optional<String> effort, boolean compact) {
        Writer out = new Writer(bytes.length + 256);
        JsonMembers.Member reasoning = members.get("reasoning");
        boolean reasoningIsObject = effort.isPresent() || (reasoning != null && reasoning.kind(bytes) == '{');
        boolean hasTools = hasTools();
        out.raw('{');
        for (var entry : members.all().entrySet()) {
            String name = entry.getKey();
            JsonMembers.Member m = entry.getValue();
            if (ResponsesRequestNormaliser.REJECTED_FIELDS.contains(name)
                    || (compact && (name.equals("stream") || name.equals("store") || name.equals("include")))) {
                continue;
            }
            switch (name) {
                case "model" -> out.member(bytes, m).string(model);
                case "stream" -> out.member(bytes, m).ascii("true");
                case "store" -> out.member(bytes, m).ascii("false");
                case "instructions" -> {
                    out.member(bytes, m);
                    if (isScalar(m)) {
                        out.copy(bytes, m.start(), m.end());
                    } else {
                        out.ascii("\"\"");
                    }
                }
                case "input" -> input(out.member(bytes, m), m);
                case "reasoning" -> {
                    out.member(bytes, m);
                    if (effort.isPresent()) {
                        reasoningWithEffort(out, m, effort.get());
                    } else {
                        out.copy(bytes, m.start(), m.end());
                    }
                }
                case "service_tier" -> {
                    if ("priority".equals(JsonBytes.scalarText(bytes, m.start(), m.end()))) {
                        out.member(bytes, m).copy(bytes, m.start(), m.end());
                    }
                }
                case "include" -> {
                    out.member(bytes, m);
                    if (reasoningIsObject) {
                        includeWithEncryptedReasoning(out, m);
                    } else {
                        out.copy(bytes, m.start(), m.end());
                    }
                }
                case "parallel_tool_calls" -> {
                    if (hasTools) {
                        out.member(bytes, m).copy(bytes, m.start(), m.end());
                    }
                }
                default -> out.member(bytes, m).copy(bytes, m.start(), m.end());
            }
        }
        if (!members.has("model")) {
            out.name("model").string(model);
        }
        if (!compact && !members.has("stream")) {
            out.name("stream").ascii("true");
        }
        if (!compact && !members.has("store")) {
            out.name("store").ascii("false");
        }
        if (!members.has("instructions")) {
            out.name("instructions").ascii("\"\"");
        }
        if (!members.has("input")) {
            out.name("input").ascii("[]");
        }
        if (reasoning == null && effort.isPresent()) {
            out.name("reasoning").raw('{').name("effort").string(effort.get()).raw('}');
        }
        if (!compact && reasoningIsObject && !members.has("include")) {
            out.name("include").raw('[').string(ENCRYPTED_REASONING).raw(']');
        }
        out.raw('}');
        return new Upstream(out.toByteArray(), effort.orElseGet(this::clientEffort));
    }

    private String clientEffort() {
        JsonMembers.Member reasoning = members.get("reasoning");
        if (reasoning == null || reasoning.kind(bytes) != '{') {
            return null;
        }
        return JsonMembers.of(bytes, reasoning.start()).scalarText("effort");
    }

    private boolean isScalar(JsonMembers.Member m) {
        byte kind = m.kind(bytes);
        return kind != '{' && kind != '[' && kind != 'n';
    }

    private boolean hasTools() {
        JsonMembers.Member tools = members.get("tools");
        return tools != null && tools.kind(bytes) == '['
                && bytes[JsonBytes.skipWhitespace(bytes, tools.start() + 1)] != ']';
    }

    /** A bare string becomes one user message; items lose their ids, {@code system} becomes {@code developer}. */
    private void input(Writer out, JsonMembers.Member input) {
        byte kind = input.kind(bytes);
        out.raw('[');
        if (kind == '[') {
            boolean first = true;
            int i = JsonBytes.skipWhitespace(bytes, input.start() + 1);
            while (bytes[i] != ']') {
                byte element = bytes[i];
                int end;
                if (element == 'n' || element == '[') {
                    end = JsonBytes.valueEnd(bytes, i);
                } else {
                    if (!first) {
                        out.raw(',');
                    }
                    first = false;
                    if (element == '{') {
                        end = item(out, i);
                    } else {
                        end = JsonBytes.valueEnd(bytes, i);
                        userMessage(out, i, end);
                    }
                }
                i = JsonBytes.skipWhitespace(bytes, end);
                if (bytes[i] == ',') {
                    i = JsonBytes.skipWhitespace(bytes, i + 1);
                }
            }
        } else if (isScalar(input)) {
            userMessage(out, input.start(), input.end());
        }
        out.raw(']');
    }

    private void userMessage(Writer out, int start, int end) {
        out.raw(USER_MESSAGE_START);
        if (bytes[start] == '"') {
            out.copy(bytes, start, end);
        } else {
            out.raw('"').copy(bytes, start, end).raw('"');
        }
        out.raw(USER_MESSAGE_END);
    }

    /** Writes the item that starts at {@code start}; returns the index past it. */
    private int item(Writer out, int start) {
        JsonMembers item = JsonMembers.of(bytes, start);
        out.raw('{');
        for (var entry : item.all().entrySet()) {
            JsonMembers.Member m = entry.getValue();
            switch (entry.getKey()) {
                case "id" -> {
                    // ids of earlier output items: the backend rejects them with store:false
                }
                case "role" -> {
                    out.member(bytes, m);
                    if ("system".equals(JsonBytes.scalarText(bytes, m.start(), m.end()))) {
                        out.string("developer");
                    } else {
                        out.copy(bytes, m.start(), m.end());
                    }
                }
                default -> out.member(bytes, m).copy(bytes, m.start(), m.end());
            }
        }
        if (!item.has("type") && item.has("role")) {
            out.name("type").string("message");
        }
        out.raw('}');
        return item.end();
    }

    private void reasoningWithEffort(Writer out, JsonMembers.Member reasoning, String effort) {
        out.raw('{');
        if (reasoning.kind(bytes) == '{') {
            JsonMembers members = JsonMembers.of(bytes, reasoning.start());
            for (var entry : members.all().entrySet()) {
                JsonMembers.Member m = entry.getValue();
                out.member(bytes, m);
                if (entry.getKey().equals("effort")) {
                    out.string(effort);
                } else {
                    out.copy(bytes, m.start(), m.end());
                }
            }
            if (!members.has("effort")) {
                out.name("effort").string(effort);
            }
        } else {
            out.name("effort").string(effort);
        }
        out.raw('}');
    }

    private void includeWithEncryptedReasoning(Writer out, JsonMembers.Member include) {
        if (include.kind(bytes) != '[') {
            out.raw('[').string(ENCRYPTED_REASONING).raw(']');
            return;
        }
        int i = JsonBytes.skipWhitespace(bytes, include.start() + 1);
        boolean empty = bytes[i] == ']';
        while (bytes[i] != ']') {
            int end = JsonBytes.valueEnd(bytes, i);
            if (bytes[i] == '"' && ENCRYPTED_REASONING.equals(JsonBytes.string(bytes, i, end))) {
                out.copy(bytes, include.start(), include.end());
                return;
            }
            i = JsonBytes.skipWhitespace(bytes, end);
            if (bytes[i] == ',') {
                i = JsonBytes.skipWhitespace(bytes, i + 1);
            }
        }
        out.copy(bytes, include.start(), include.end() - 1);
        if (!empty) {
            out.raw(',');
        }
        out.string(ENCRYPTED_REASONING).raw(']');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The output: members separated by commas, each started by {@link #member} or {@link #name}. */
    private static final class Writer extends ByteArrayOutputStream {
        private final boolean[] firstMember = new boolean[8];
        private int depth = -1;

        Writer(int capacity) {
            super(capacity);
        }

        Writer raw(char c) {
            write(c);
            if (c == '{') {
                firstMember[++depth] = true;
            } else if (c == '}') {
                depth--;
            }
            return this;
        }

        Writer raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Writer ascii(String s) {
            return raw(ResponsesBody.ascii(s));
        }

        Writer copy(byte[] b, int start, int end) {
            write(b, start, end - start);
            return this;
        }

        Writer string(String s) {
            return raw(new JsonPrimitive(s).toString().getBytes(StandardCharsets.UTF_8));
        }

        /** Starts a member with the client's own spelling of its name. */
        Writer member(byte[] b, JsonMembers.Member m) {
            separate();
            return copy(b, m.nameStart(), m.nameEnd()).raw(':');
        }

        Writer name(String name) {
            separate();
            return string(name).raw(':');
        }

        private void separate() {
            if (!firstMember[depth]) {
                write(',');
            }
            firstMember[depth] = false;
        }
    }
}
