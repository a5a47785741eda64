package com.codexmanager.gateway.upstream;

import com.codexmanager.gateway.protocol.JsonFields;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the {@code x-codex-*} rate-limit headers (and plan/credit headers) out of an upstream reply, or out of the
 * events that carry them in-band on an upstream WebSocket. Stateless.
 */
public final class RateLimitHeaders {
    /** The WebSocket-only event with a reply's rate limits (codex-protocol.md §2.7). */
    public static final String EVENT_TYPE = "codex.rate_limits";
    private static final String CODEX_FAMILY = "codex";

    private RateLimitHeaders() {
    }

    public static Map<String, String> extract(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-codex-")) {
                out.put(lower, value);
            }
        });
        return out;
    }

    /**
     * The headers an upstream WebSocket event stands for, so that it feeds the same sink as an HTTP reply's headers
     * (the JDK's WebSocket client never shows the upgrade's headers):
     * <ul>
     *   <li>{@code codex.rate_limits} gives {@code x-<family>-primary-used-percent}, {@code -window-minutes} and
     *   {@code -reset-at} (and the same for {@code secondary}), where the family is {@code metered_limit_name}
     *   ({@code codex} when absent; {@code codex_other} becomes {@code x-codex-other-…} as in the headers), plus
     *   {@code x-codex-plan-type} and, for the {@code codex} family, the {@code x-codex-credits-*} trio;</li>
     *   <li>an {@code error} event (an HTTP error over a WebSocket, codex-protocol.md §2.9) gives the
     *   {@code x-codex-*} members of its {@code headers} object, as that HTTP error's headers would.</li>
     * </ul>
     *
     * @return the headers with lower-case names; empty for any other event or one without usable fields
     */
    public static Map<String, String> ofEvent(JsonObject event) {
        String type = JsonFields.string(event, "type");
        if ("error".equals(type)) {
            return extract(texts(JsonFields.object(event, "headers")));
        }
        if (!EVENT_TYPE.equals(type)) {
            return Map.of();
        }
        String family = firstNonBlank(JsonFields.string(event, "metered_limit_name"),
                JsonFields.string(event, "limit_name"));
        String prefix = "x-" + family.toLowerCase(Locale.ROOT).replace('_', '-') + "-";
        Map<String, String> out = new LinkedHashMap<>();
        JsonObject limits = JsonFields.object(event, "rate_limits");
        window(out, prefix + "primary-", JsonFields.object(limits, "primary"));
        window(out, prefix + "secondary-", JsonFields.object(limits, "secondary"));
        put(out, "x-codex-plan-type", JsonFields.string(event, "plan_type"));
        if (prefix.equals("x-" + CODEX_FAMILY + "-")) {
            JsonObject credits = JsonFields.object(event, "credits");
            put(out, "x-codex-credits-has-credits", JsonFields.string(credits, "has_credits"));
            put(out, "x-codex-credits-unlimited", JsonFields.string(credits, "unlimited"));
            put(out, "x-codex-credits-balance", JsonFields.string(credits, "balance"));
        }
        return out;
    }

    private static void window(Map<String, String> out, String prefix, JsonObject window) {
        put(out, prefix + "used-percent", JsonFields.string(window, "used_percent"));
        put(out, prefix + "window-minutes", JsonFields.string(window, "window_minutes"));
        put(out, prefix + "reset-at", JsonFields.string(window, "reset_at"));
    }

    private static void put(Map<String, String> out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.put(name, value);
        }
    }

    /** The primitive members of {@code object} as text; nested values are left out. */
    private static Map<String, String> texts(JsonObject object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null) {
            for (Map.Entry<String, JsonElement> member : object.entrySet()) {
                if (member.getValue().isJsonPrimitive()) {
                    out.put(member.getKey(), member.getValue().getAsString());
                }
            }
        }
        return out;
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : CODEX_FAMILY;
    }
}
