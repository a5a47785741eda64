package com.codexmanager.gateway.sse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One server-sent event. An event read from the upstream keeps its exact wire bytes, so a passthrough relay writes
 * them back without re-encoding; its name, data, {@link #type()} and {@link #json()} are decoded only when asked
 * for (and cached). An event built by the gateway ({@link #of(String, String)}) renders its wire form on demand.
 *
 * <p>Not thread-safe: one thread (the request's) uses an instance; the lazily cached fields are plain.
 */
public final class SseEvent {
    private byte[] wire;
    private String event;
    private String data;
    private String type;
    private JsonObject json;
    private boolean jsonParsed;

    private SseEvent(byte[] wire, String event, String data) {
        this.wire = wire;
        this.event = event;
        this.data = data;
    }

    /** An event with this name (may be empty) and data (lines joined with {@code \n}). */
    public static SseEvent of(String event, String data) {
        return new SseEvent(null, event, data);
    }

    /** A named event whose data is this JSON object; the name is its {@code type}. */
    public static SseEvent of(JsonObject data) {
        String type = data.has("type") && data.get("type").isJsonPrimitive() ? data.get("type").getAsString() : "";
        SseEvent e = new SseEvent(null, type, data.toString());
        e.json = data;
        e.jsonParsed = true;
        return e;
    }

    /**
     * An event exactly as received (its lines and the blank line that ended it), copied from
     * {@code frame[from, to)}.
     */
    public static SseEvent received(byte[] frame, int from, int to) {
        return new SseEvent(Arrays.copyOfRange(frame, from, to), null, null);
    }

    /** The {@code event:} field, or empty when the frame had none. */
    public String event() {
        if (event == null) {
            decodeFields();
        }
        return event;
    }

    /** The data lines joined with {@code \n}; empty when the frame had no data line. */
    public String data() {
        if (data == null) {
            decodeFields();
        }
        return data;
    }

    /** Whether the frame carried at least one {@code data:} line (comment-only frames carry none). */
    public boolean hasData() {
        if (wire == null) {
            return true;
        }
        return SseLines.firstDataLine(wire) >= 0;
    }

    /**
     * The top-level JSON {@code type} of the data, falling back to the event name; the Responses protocol keys on
     * it. Read from the wire bytes without decoding the rest of the object (the field comes first in practice).
     */
    public String type() {
        if (type == null) {
            String fromJson = data == null ? SseLines.topLevelType(wire) : SseLines.typeOf(data);
            type = fromJson != null ? fromJson : event();
        }
        return type;
    }

    /**
     * The fields of a delta event ({@code response.output_text.delta} …) read in one pass, without building a tree
     * and, for a received single-line frame, without decoding the frame first: the adapters need only these from
     * the most frequent events.
     */
    public Delta delta() {
        if (json != null) {
            return Delta.of(json);
        }
        if (data == null && wire != null) {
            Delta fromBytes = SseLines.delta(wire);
            if (fromBytes != null) {
                return fromBytes;
            }
        }
        return Delta.read(data());
    }

    /** The data parsed as a JSON object, or {@code null} when it is not one. Parsed once. */
    public JsonObject json() {
        if (!jsonParsed) {
            jsonParsed = true;
            try {
                var element = JsonParser.parseString(data());
                json = element.isJsonObject() ? element.getAsJsonObject() : null;
            } catch (JsonParseException e) {
                json = null;
            }
        }
        return json;
    }

    /** The frame as written on the wire: the received bytes, or {@code event:}/{@code data:} lines and a blank line. */
    public byte[] wire() {
        if (wire == null) {
            wire = toWire().getBytes(StandardCharsets.UTF_8);
        }
        return wire;
    }

    /** The canonical text form: {@code event:} (when named) and {@code data:} lines, then a blank line. */
    public String toWire() {
        String name = event();
        String body = data();
        StringBuilder out = new StringBuilder(body.length() + name.length() + 16);
        if (!name.isEmpty()) {
            out.append("event: ").append(name).append('\n');
        }
        for (String line : body.split("\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }

    private void decodeFields() {
        SseLines.Fields fields = SseLines.decode(wire);
        event = fields.event();
        data = fields.data();
    }

    @Override
    public String toString() {
        return "SseEvent[" + type() + "]";
    }
}
