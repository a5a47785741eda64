package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.ResponsesSseStream;
import com.codexmanager.gateway.sse.SseEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A turn's answer on a Responses WebSocket: each upstream event's data goes out as one text frame, unchanged.
 * Frames are handed to the socket without waiting and {@link #flush()} waits until they are written, so a burst
 * of events leaves together and a slow reader holds the relay back instead of piling frames up in memory (at most
 * {@link SocketConnection#MAX_UNFLUSHED_FRAMES} wait). Keep-alives are WebSocket pings. While it relays, it keeps
 * the response id and the {@code response.output_item.done} items, which the connection remembers for the next
 * turn ({@link SocketConversation}); no other event is parsed beyond its type.
 *
 * <p>Single use. The turn's thread calls everything but {@link #keepalive()}, which the watchdog thread calls.
 */
final class SocketStream implements ClientStream {
    private final SocketConnection connection;
    private final List<JsonObject> outputs = new ArrayList<>();
    private String responseId;
    private boolean completed;

    SocketStream(SocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public void begin() throws IOException {
        connection.checkOpen();
    }

    @Override
    public void event(SseEvent event) throws IOException {
        switch (event.type()) {
            case "response.output_item.done" -> {
                JsonElement item = event.json() == null ? null : event.json().get("item");
                if (item != null && item.isJsonObject()) {
                    outputs.add(item.getAsJsonObject());
                }
            }
            case "response.created" -> responseId = responseId(event);
            case "response.completed" -> {
                completed = true;
                String id = responseId(event);
                responseId = id != null ? id : responseId;
            }
            default -> {
                // relayed as it came
            }
        }
        connection.send(event.data());
    }

    private static String responseId(SseEvent event) {
        JsonObject json = event.json();
        JsonElement response = json == null ? null : json.get("response");
        JsonElement id = response != null && response.isJsonObject() ? response.getAsJsonObject().get("id") : null;
        return id != null && id.isJsonPrimitive() ? id.getAsString() : null;
    }

    @Override
    public void flush() throws IOException {
        connection.flush();
    }

    @Override
    public void keepalive() throws IOException {
        connection.ping();
    }

    @Override
    public void fail(String code, String message) throws IOException {
        completed = false;
        connection.send(ResponsesSseStream.failedEvent(code, message).data());
        connection.flush();
    }

    @Override
    public void end() throws IOException {
        connection.flush();
    }

    /** Whether the upstream's {@code response.completed} was relayed (and no failure after it). */
    boolean completed() {
        return completed;
    }

    /** The id the client saw for this response, or {@code null}. */
    String responseId() {
        return responseId;
    }

    List<JsonObject> outputs() {
        return outputs;
    }
}
