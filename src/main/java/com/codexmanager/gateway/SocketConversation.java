package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.AdapterException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;

/**
 * What one Responses WebSocket remembers between turns. Over a WebSocket, Codex sends a turn that extends the
 * previous one as {@code previous_response_id} plus only the new input items; the backend, reached over HTTP with
 * {@code store:false}, needs the whole conversation. So the connection keeps the last completed turn's full input
 * followed by the output items it produced — as compact JSON text, and only while it fits the body limit — and a
 * turn that names that response gets it back in front of its new items. Only the last response can be named, as
 * on the upstream's own socket. Single-thread: the turns of one connection run one after another.
 */
final class SocketConversation {
    private String responseId;
    private String items;

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
        JsonArray input = JsonParser.parseString(items).getAsJsonArray();
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
        String inputText = input.toString();
        StringBuilder text = new StringBuilder(inputText.length() + 1024);
        text.append(inputText, 0, inputText.length() - 1);
        boolean first = input.isEmpty();
        for (JsonObject output : outputs) {
            if (!first) {
                text.append(',');
            }
            text.append(output);
            first = false;
            if (text.length() > maxBytes) {
                return;
            }
        }
        text.append(']');
        if (text.length() <= maxBytes) {
            this.responseId = responseId;
            this.items = text.toString();
        }
    }

    void forget() {
        responseId = null;
        items = null;
    }

    /** Characters of JSON kept for the next turn (0 when nothing is remembered). */
    int size() {
        return items == null ? 0 : items.length();
    }
}
