package com.codexmanager.observability;

import com.codexmanager.logging.Redactor;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a trace event as one {@code key=value} line: values with spaces, quotes or {@code =} are quoted,
 * control characters escaped (a line is always one line), inline base64 images replaced, and the whole line
 * passed through {@link Redactor} (values holding JSON or control characters also on their own, before escaping).
 * Stateless, thread-safe.
 */
final class TraceLineFormatter {
    private static final Pattern INLINE_IMAGE = Pattern.compile("data:image/[A-Za-z0-9.+-]+;base64,[A-Za-z0-9+/=]+");
    private static final Pattern UNSAFE_KEY_CHAR = Pattern.compile("[^A-Za-z0-9_.-]");
    static final int MAX_VALUE_CHARS = 2_000;

    private TraceLineFormatter() {
    }

    /** @param bodyPreviewMaxBytes bytes of {@link TraceLog#BODY} to keep; 0 drops the body */
    static String format(Instant ts, String traceId, TraceEvent event, Map<String, ?> fields,
            int bodyPreviewMaxBytes) {
        StringBuilder line = new StringBuilder(128);
        IsoInstants.append(line.append("ts="), ts).append(" trace=").append(value(traceId, MAX_VALUE_CHARS))
                .append(" event=").append(event.name());
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            String key = safeKey(String.valueOf(field.getKey()));
            if (key.equals(TraceLog.BODY)) {
                appendBody(line, field.getValue(), bodyPreviewMaxBytes);
                continue;
            }
            line.append(' ').append(key).append('=').append(value(field.getValue(), MAX_VALUE_CHARS));
        }
        return Redactor.redact(line.toString());
    }

    /** The key with every character outside {@code [A-Za-z0-9_.-]} replaced by {@code _}. */
    static String safeKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.' || c == '-';
            if (!safe) {
                return UNSAFE_KEY_CHAR.matcher(key).replaceAll("_");
            }
        }
        return key;
    }

    private static void appendBody(StringBuilder line, Object body, int maxBytes) {
        byte[] bytes = body instanceof byte[] raw ? raw
                : body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        line.append(" body_bytes=").append(bytes.length);
        if (maxBytes <= 0 || bytes.length == 0) {
            return;
        }
        String preview = decodePrefix(bytes, maxBytes);
        preview = INLINE_IMAGE.matcher(preview).replaceAll("data:image;base64,[image]");
        if (bytes.length > maxBytes) {
            preview = preview + "…";
        }
        line.append(" body=").append(value(preview, Integer.MAX_VALUE));
    }

    /** The first {@code maxBytes} bytes as text, dropping a multi-byte character cut in half. */
    private static String decodePrefix(byte[] bytes, int maxBytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, maxBytes) + 1);
        decoder.decode(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, maxBytes)), out, false);
        return out.flip().toString();
    }

    private static boolean needsOwnRedaction(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c < ' ') {
                return true;
            }
        }
        return false;
    }

    static String value(Object raw, int maxChars) {
        if (raw == null) {
            return "-";
        }
        String text = raw instanceof Collection<?> c ? "[" + String.join(",", c.stream().map(String::valueOf)
                .toList()) + "]" : String.valueOf(raw);
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars) + "…";
        }
        // A value with quotes (JSON) or control characters is redacted before escaping, where the JSON-field
        // rules see the original quotes and a newline still counts as white space; for any other value
        // escaping changes nothing a rule looks at, so the one pass over the whole line covers it.
        if (needsOwnRedaction(text)) {
            text = Redactor.redact(text);
        }
        StringBuilder out = new StringBuilder(text.length() + 2);
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> {
                    out.append("\\\"");
                    quote = true;
                }
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        quote |= c == ' ' || c == '=';
                        out.append(c);
                    }
                }
            }
        }
        return quote ? "\"" + out + "\"" : out.toString();
    }
}
