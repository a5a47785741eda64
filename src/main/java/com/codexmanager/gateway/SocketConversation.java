package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.json.JsonTreeReader;
import com.codexmanager.json.JsonTreeWriter;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one Responses WebSocket remembers between turns. Over a WebSocket, Codex sends a turn that extends the
 * previous one as {@code previous_response_id} plus only the new input items; the backend, reached over HTTP with
 * {@code store:false}, needs the whole conversation. So the connection keeps the last completed turn's full input
 * followed by the output items it produced — as compact UTF-8 JSON, and only while it fits the body limit — and a
 * turn that names that response gets it back in front of its new items. Only the last response can be named, as
 * on the upstream's own socket. Single-thread: the turns of one connection run one after another.
 */
final class SocketConversation {
    private String responseId;
    private byte[] items;

    /**
     * Replaces {@code previous_response_id} in {@code body} with the input it stands for.
     *
     * @return {@code body}, changed in place
     * @throws AdapterException 400 {@code previous_response_not_found} when it names anything but the last response
     *                          this connection completed
     */
    JsonObject expand(JsonObject body) {
        JsonElement previous = body.remove("previous_response_id");
        if (previous == null || previous.isJsonNull()) {
            return body;
        }
        String id = previous.isJsonPrimitive() ? previous.getAsString() : previous.toString();
        if (responseId == null || !responseId.equals(id)) {
            throw new AdapterException(400, "previous_response_not_found", "Previous response with id '"
                    + (id.length() > 80 ? id.substring(0, 80) + "…" : id) + "' not found: a WebSocket remembers only "
                    + "the last response it completed; send the whole input instead");
        }
        JsonArray input = JsonTreeReader.parse(items).getAsJsonArray();
        JsonElement delta = body.get("input");
        if (delta != null && delta.isJsonArray()) {
            input.addAll(delta.getAsJsonArray());
        } else if (delta != null && !delta.isJsonNull()) {
            input.add(delta);
        }
        body.add("input", input);
        return body;
    }

    /**
     * Remembers a completed turn; forgets instead when the conversation would not fit {@code maxBytes} (a turn
     * naming it then gets {@code previous_response_not_found}, as a whole request that large would get 413).
     *
     * @param input   the full input the upstream was sent
     * @param outputs the items of the turn's {@code response.output_item.done} events, in order
     */
    void remember(String responseId, JsonArray input, List<JsonObject> outputs, long maxBytes) {
        forget();
        if (responseId == null) {
            return;
        }
        byte[] head = JsonTreeWriter.utf8(input);
        long length = head.length;
        List<byte[]> tail = new ArrayList<>(outputs.size());
        for (JsonObject output : outputs) {
            byte[] bytes = JsonTreeWriter.utf8(output);
            tail.add(bytes);
            length += bytes.length + (input.isEmpty() && tail.size() == 1 ? 0 : 1);
            if (length > maxBytes) {
                return;
            }
        }
        if (length > maxBytes) {
            return;
        }
        // the input's closing bracket is replaced by the outputs and a new one
        byte[] text = Arrays.copyOf(head, (int) length);
        int at = head.length - 1;
        boolean first = input.isEmpty();
        for (byte[] bytes : tail) {
            if (!first) {
                text[at++] = ',';
            }
            System.arraycopy(bytes, 0, text, at, bytes.length);
            at += bytes.length;
            first = false;
        }
        text[at] = ']';
        this.responseId = responseId;
        this.items = text;
    }

    void forget() {
        responseId = null;
        items = null;
    }

    /** Bytes of JSON kept for the next turn (0 when nothing is remembered). */
    int size() {
        return items == null ? 0 : items.length;
    }
}
