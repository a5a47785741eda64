package com.codexmanager.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of one JSON object held as UTF-8 bytes, as byte ranges of their names and values: a repeated name
 * keeps its first place and its last value, as a Gson {@code JsonObject} would. Values are validated
 * ({@link JsonBytes#valueEnd}, their nesting counted from this object as if it were the top level) but not
 * decoded. Immutable.
 */
public final class JsonMembers {
    /** One member: {@code [nameStart, nameEnd)} is the quoted name token, {@code [start, end)} the value. */
    public record Member(int nameStart, int nameEnd, int start, int end) {
        /** The value's first byte: a quote, a brace, a bracket, {@code t}, {@code f}, {@code n}, a digit or minus. */
        public byte kind(byte[] b) {
            return b[start];
        }
    }

    private final byte[] bytes;
    private final Map<String, Member> members;
    private final int end;

    private JsonMembers(byte[] bytes, Map<String, Member> members, int end) {
        this.bytes = bytes;
        this.members = members;
        this.end = end;
    }

    /**
     * Reads the object whose opening brace is at {@code start}.
     *
     * @throws JsonBytes.MalformedJsonException when it is not a strict JSON object
     */
    public static JsonMembers of(byte[] b, int start) {
        Map<String, Member> members = new LinkedHashMap<>();
        int i = JsonBytes.skipWhitespace(b, start + 1);
        if (i < b.length && b[i] == '}') {
            return new JsonMembers(b, members, i + 1);
        }
        while (true) {
            if (i >= b.length || b[i] != '"') {
                throw new JsonBytes.MalformedJsonException("expected a quoted name", i);
            }
            int nameEnd = JsonBytes.stringEnd(b, i);
            String name = JsonBytes.string(b, i, nameEnd);
            int colon = JsonBytes.skipWhitespace(b, nameEnd);
            if (colon >= b.length || b[colon] != ':') {
                throw new JsonBytes.MalformedJsonException("expected ':'", colon);
            }
            int valueStart = JsonBytes.skipWhitespace(b, colon + 1);
            int valueEnd = JsonBytes.valueEnd(b, valueStart, 1);
            Member earlier = members.get(name);
            members.put(name, earlier == null ? new Member(i, nameEnd, valueStart, valueEnd)
                    : new Member(earlier.nameStart(), earlier.nameEnd(), valueStart, valueEnd));
            i = JsonBytes.skipWhitespace(b, valueEnd);
            if (i < b.length && b[i] == ',') {
                i = JsonBytes.skipWhitespace(b, i + 1);
            } else if (i < b.length && b[i] == '}') {
                return new JsonMembers(b, members, i + 1);
            } else {
                throw new JsonBytes.MalformedJsonException("expected ',' or '}'", i);
            }
        }
    }

    /** The index just past the closing brace. */
    public int end() {
        return end;
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** The member named {@code name}, or {@code null}. */
    public Member get(String name) {
        return members.get(name);
    }

    /** Members in their first-seen order, each name once. */
    public Map<String, Member> all() {
        return members;
    }

    /** {@link JsonBytes#scalarText} of the member's value, or {@code null} when absent. */
    public String scalarText(String name) {
        Member m = members.get(name);
        return m == null ? null : JsonBytes.scalarText(bytes, m.start(), m.end());
    }
}
