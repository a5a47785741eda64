package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the fake received it. Immutable; {@link #toString()} leaves out headers and body, which
 * hold tokens.
 *
 * @param sequence 1 for the first request the fake received, then increasing
 * @param headers keys in lower case, values in arrival order
 * @param query raw query string, empty when there is none
 * @param body raw body text, empty when there is none
 * @param accountId nullable: the account whose access token the request presented as Bearer
 * @param transport {@code http} for an HTTP request (a WebSocket upgrade too), {@code websocket} for one frame
 *                  received on a WebSocket: its method is {@value #FRAME}, its headers the upgrade's and its body the
 *                  frame
 */
public record RecordedRequest(long sequence, Instant receivedAt, String method, String path, String query,
        Map<String, List<String>> headers, String body, String accountId, String transport) {
    /** The method recorded for a WebSocket frame. */
    public static final String FRAME = "FRAME";
    public static final String HTTP = "http";
    public static final String WEBSOCKET = "websocket";

    public RecordedRequest {
        Map<String, List<String>> lowered = new LinkedHashMap<>();
        headers.forEach((name, values) -> lowered.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (left, right) -> {
                    List<String> both = new ArrayList<>(left);
                    both.addAll(right);
                    return List.copyOf(both);
                }));
        headers = Map.copyOf(lowered);
    }

    /** A turn of the model: an HTTP POST or a WebSocket frame (not an upgrade request). */
    public boolean turn() {
        return method.equals("POST") || method.equals(FRAME);
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body parsed as a JSON object; throws {@link IllegalArgumentException} when it is not one. */
    public JsonObject json() {
        return Json.parseObject(body);
    }

    /** The body parsed as {@code application/x-www-form-urlencoded}; the last value wins. */
    public Map<String, String> form() {
        return decodePairs(body);
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(decodePairs(query).get(name));
    }

    public Optional<String> account() {
        return Optional.ofNullable(accountId);
    }

    static Map<String, String> decodePairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return pairs;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return pairs;
    }

    @Override
    public String toString() {
        return "RecordedRequest[#" + sequence + " " + method + " " + path + " " + transport + (query.isEmpty() ? "" : "?…")
                + (accountId == null ? "" : " account=" + accountId) + "]";
    }
}
