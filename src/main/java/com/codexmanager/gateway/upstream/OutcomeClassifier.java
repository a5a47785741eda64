package com.codexmanager.gateway.upstream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies upstream answers (codex-protocol.md §2.7–§2.8): HTTP errors before the stream, and
 * {@code response.failed} / {@code error} events inside it. Stateless apart from the clock.
 */
public final class OutcomeClassifier {
    /**
     * The backend's refusal of a model the account's plan lacks, {@code {"detail":"The 'gpt-5.6-sol' model is not
     * supported when using Codex with a ChatGPT account."}}: it has no error code, so its fixed text is matched,
     * anchored at the start.
     */
    private static final Pattern MODEL_NOT_SUPPORTED = Pattern.compile("^The '([^']+)' model is not supported");
    private static final Pattern TRY_AGAIN = Pattern.compile("try again in ([0-9.]+)\\s*(ms|s)",
            Pattern.CASE_INSENSITIVE);

    private final Clock clock;

    public OutcomeClassifier(Clock clock) {
        this.clock = clock;
    }

    /** Classifies a non-2xx (or non-SSE) HTTP answer. */
    public Outcome classifyHttp(int status, Map<String, String> headers, String contentType, String body) {
        if (contentType.contains("text/html") || headers.containsKey("cf-mitigated")
                || looksLikeHtml(body)) {
            return new Outcome.Challenge(status);
        }
        JsonObject error = errorObject(body);
        String type = field(error, "type");
        String code = field(error, "code");
        String message = firstNonEmpty(field(error, "message"), detail(body));
        if ("usage_limit_reached".equals(type) || "usage_limit_reached".equals(code)) {
            return new Outcome.UsageLimit(resetTime(error, headers), field(error, "plan_type"));
        }
        if (message.toLowerCase(Locale.ROOT).contains("selected model is at capacity")) {
            return new Outcome.RateLimited(Optional.empty());
        }
        Matcher refusedModel = MODEL_NOT_SUPPORTED.matcher(message);
        if (status == 400 && refusedModel.find()) {
            return new Outcome.ModelNotSupported(refusedModel.group(1), message, body);
        }
        return switch (status) {
            case 429 -> new Outcome.RateLimited(retryAfter(headers, message));
            case 401 -> new Outcome.Unauthorized(firstNonEmpty(code, message));
            case 402, 403 -> new Outcome.Forbidden(status, firstNonEmpty(type, code), message);
            case 503 -> new Outcome.Overloaded(message);
            default -> status >= 500 ? classifyServerError(status, code, message)
                    : new Outcome.RequestRejected(status, firstNonEmpty(code, type), message, body);
        };
    }

    private static Outcome classifyServerError(int status, String code, String message) {
        if ("server_is_overloaded".equals(code) || "slow_down".equals(code)) {
            return new Outcome.Overloaded(message);
        }
        return new Outcome.ServerError(status, message);
    }

    /**
     * Classifies a terminal failure event in the stream ({@code response.failed} or {@code error}); the
     * headers are those of the stream's HTTP response.
     */
    public Outcome classifyEvent(JsonObject event, Map<String, String> headers) {
        if (socketExpired(event)) {
            return new Outcome.SocketExpired();
        }
        int status = (int) number(event, "status");
        if (status >= 400 && status <= 599) {
            return classifyHttp(status, frameHeaders(event, headers), "application/json", event.toString());
        }
        JsonObject error = null;
        if (event.has("response") && event.get("response").isJsonObject()) {
            JsonObject response = event.getAsJsonObject("response");
            if (response.has("error") && response.get("error").isJsonObject()) {
                error = response.getAsJsonObject("error");
            }
        }
        if (error == null && event.has("error") && event.get("error").isJsonObject()) {
            error = event.getAsJsonObject("error");
        }
        String code = field(error, "code");
        String type = field(error, "type");
        String message = field(error, "message");
        if ("usage_limit_reached".equals(code) || "usage_limit_reached".equals(type)
                || "insufficient_quota".equals(code)) {
            return new Outcome.UsageLimit(resetTime(error, headers), field(error, "plan_type"));
        }
        if ("rate_limit_exceeded".equals(code) || "rate_limit_error".equals(type)
                || message.toLowerCase(Locale.ROOT).contains("selected model is at capacity")) {
            return new Outcome.RateLimited(retryAfter(Map.of(), message));
        }
        if ("server_is_overloaded".equals(code) || "slow_down".equals(code) || "overloaded_error".equals(type)) {
            return new Outcome.Overloaded(message);
        }
        if ("usage_not_included".equals(code)) {
            return new Outcome.Forbidden(403, code, message);
        }
        if (isRequestError(code, type)) {
            return new Outcome.RequestRejected(400, firstNonEmpty(code, type), message, null);
        }
        // server_error, internal_error and every code the protocol does not name: the CLI retries these, so the
        // gateway tries another account (and answers 502 when none is left), never a 400 that blames the client
        return new Outcome.ServerError(502, firstNonEmpty(message, firstNonEmpty(code, type)));
    }

    /** An upstream WebSocket's error frame that ends the socket at the backend's connection limit (§2.9). */
    private static boolean socketExpired(JsonObject event) {
        JsonElement error = event.get("error");
        return error != null && error.isJsonObject()
                && Outcome.SocketExpired.CODE.equals(field(error.getAsJsonObject(), "code"));
    }

    /**
     * The headers of an upstream WebSocket's error frame ({@code "headers":{…}}, names lower-cased) over those of
     * the stream: over a WebSocket, an HTTP error comes as {@code {"type":"error","status":N,"error":{…}}}
     * (codex-protocol.md §2.9) and is classified as that HTTP answer.
     */
    private static Map<String, String> frameHeaders(JsonObject event, Map<String, String> headers) {
        JsonElement own = event.get("headers");
        if (own == null || !own.isJsonObject()) {
            return headers;
        }
        Map<String, String> out = new LinkedHashMap<>(headers);
        own.getAsJsonObject().entrySet().forEach(e -> {
            if (e.getValue().isJsonPrimitive()) {
                out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().getAsString());
            }
        });
        return out;
    }

    /** Failures another account would answer the same way: the request itself is wrong. */
    private static boolean isRequestError(String code, String type) {
        return "context_length_exceeded".equals(code) || "invalid_prompt".equals(code)
                || "invalid_request_error".equals(type) || code.startsWith("invalid_")
                || code.startsWith("unsupported_");
    }

    private Instant resetTime(JsonObject error, Map<String, String> headers) {
        Instant now = clock.instant();
        long resetsAt = number(error, "resets_at");
        if (resetsAt > 0 && Instant.ofEpochSecond(resetsAt).isAfter(now)) {
            return Instant.ofEpochSecond(resetsAt);
        }
        long resetsIn = number(error, "resets_in_seconds");
        if (resetsIn > 0) {
            return now.plusSeconds(resetsIn);
        }
        Instant fromHeaders = latestHeaderReset(headers, now);
        return fromHeaders != null ? fromHeaders : now.plus(Duration.ofMinutes(5));
    }

    private static Instant latestHeaderReset(Map<String, String> headers, Instant now) {
        Instant best = null;
        for (String window : new String[] {"primary", "secondary"}) {
            double used = parseDouble(headers.get("x-codex-" + window + "-used-percent"));
            if (used < 100) {
                continue;
            }
            long at = (long) parseDouble(headers.get("x-codex-" + window + "-reset-at"));
            Instant candidate = at > 0 ? Instant.ofEpochSecond(at) : null;
            long after = (long) parseDouble(headers.get("x-codex-" + window + "-reset-after-seconds"));
            if (candidate == null && after > 0) {
                candidate = now.plusSeconds(after);
            }
            if (candidate != null && (best == null || candidate.isAfter(best))) {
                best = candidate;
            }
        }
        return best;
    }

    static Optional<Duration> retryAfter(Map<String, String> headers, String message) {
        String header = headers.get("retry-after");
        if (header != null) {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000)));
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to the message or the default backoff
            }
        }
        Matcher m = TRY_AGAIN.matcher(message);
        if (m.find()) {
            double value = Double.parseDouble(m.group(1));
            return Optional.of(Duration.ofMillis((long) (m.group(2).equalsIgnoreCase("ms") ? value : value * 1000)));
        }
        return Optional.empty();
    }

    private static boolean looksLikeHtml(String body) {
        String head = body.stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    private static JsonObject errorObject(String body) {
        try {
            JsonElement root = JsonParser.parseString(body);
            if (!root.isJsonObject()) {
                return null;
            }
            JsonElement error = root.getAsJsonObject().get("error");
            return error != null && error.isJsonObject() ? error.getAsJsonObject() : null;
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    private static String detail(String body) {
        try {
            JsonElement root = JsonParser.parseString(body);
            if (root.isJsonObject() && root.getAsJsonObject().has("detail")) {
                JsonElement d = root.getAsJsonObject().get("detail");
                return d.isJsonPrimitive() ? d.getAsString() : d.toString();
            }
        } catch (JsonParseException | IllegalStateException e) {
            // not JSON: use a short prefix of the text
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    private static String field(JsonObject o, String name) {
        if (o == null || !o.has(name) || !o.get(name).isJsonPrimitive()) {
            return "";
        }
        return o.get(name).getAsString();
    }

    private static long number(JsonObject o, String name) {
        if (o == null || !o.has(name) || !o.get(name).isJsonPrimitive()) {
            return 0;
        }
        try {
            return o.get(name).getAsLong();
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstNonEmpty(String a, String b) {
        return a == null || a.isEmpty() ? (b == null ? "" : b) : a;
    }
}
