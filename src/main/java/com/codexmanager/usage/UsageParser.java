package com.codexmanager.usage;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code /wham/usage} JSON (codex-protocol.md §3.2) leniently: {@code rate_limit}, {@code credits} and
 * {@code additional_rate_limits} may be absent or null, percentages may be floats or numeric strings, a window's
 * reset time is {@code reset_at} or else capture time plus {@code reset_after_seconds}. Windows are classified by
 * {@code limit_window_seconds} ({@link WindowSlots}). Stateless.
 */
public final class UsageParser {
    private UsageParser() {
    }

    /**
     * @throws UsageFetchException ({@code invalid_response}) when the body is not a JSON object; the message never
     *                             quotes the body
     */
    public static UsageSnapshot parse(String body, String accountId, Instant capturedAt) {
        JsonObject root;
        try {
            root = Json.object(body);
        } catch (JsonParseException e) {
            throw new UsageFetchException(UsageFetchException.Reason.INVALID_RESPONSE, accountId, 200,
                    "usage reply of account " + accountId + " is not a JSON object", null);
        }
        JsonObject rateLimit = object(root, "rate_limit");
        boolean limitReached = false;
        WindowSlots.Slots slots = new WindowSlots.Slots(null, null);
        if (rateLimit != null) {
            limitReached = reached(rateLimit);
            slots = windows(rateLimit, capturedAt);
        }
        JsonObject credits = object(root, "credits");
        return new UsageSnapshot(accountId, capturedAt, UsageSource.POLL, string(root, "plan_type"), limitReached,
                slots.primary(), slots.secondary(), credits == null ? null : Json.write(credits),
                additionalLimits(root, capturedAt));
    }

    private static boolean reached(JsonObject rateLimit) {
        return bool(rateLimit, "limit_reached") || rateLimit.has("allowed") && isFalse(rateLimit.get("allowed"));
    }

    private static WindowSlots.Slots windows(JsonObject rateLimit, Instant capturedAt) {
        List<UsageWindow> windows = new ArrayList<>();
        windows.add(window(object(rateLimit, "primary_window"), capturedAt));
        windows.add(window(object(rateLimit, "secondary_window"), capturedAt));
        return WindowSlots.assign(windows);
    }

    private static UsageWindow window(JsonObject window, Instant capturedAt) {
        if (window == null) {
            return null;
        }
        Double used = number(window, "used_percent");
        Long seconds = whole(number(window, "limit_window_seconds"));
        Long resetAt = whole(number(window, "reset_at"));
        Long resetAfter = whole(number(window, "reset_after_seconds"));
        Instant resets = resetAt != null && resetAt > 0 ? Instant.ofEpochSecond(resetAt)
                : resetAfter != null && resetAfter >= 0 ? capturedAt.plusSeconds(resetAfter) : null;
        return new UsageWindow(used, WindowSlots.minutes(seconds), resets);
    }

    /** {@code additional_rate_limits} (array, or a map keyed by limit id) plus any other top-level *_rate_limit. */
    private static List<AdditionalLimit> additionalLimits(JsonObject root, Instant capturedAt) {
        List<AdditionalLimit> out = new ArrayList<>();
        JsonElement extra = root.get("additional_rate_limits");
        if (extra != null && extra.isJsonArray()) {
            for (JsonElement item : extra.getAsJsonArray()) {
                if (item.isJsonObject()) {
                    out.add(additional(item.getAsJsonObject(), null, capturedAt));
                }
            }
        } else if (extra != null && extra.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : extra.getAsJsonObject().entrySet()) {
                if (e.getValue().isJsonObject()) {
                    out.add(additional(e.getValue().getAsJsonObject(), e.getKey(), capturedAt));
                }
            }
        }
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (e.getKey().endsWith("_rate_limit") && !e.getKey().equals("rate_limit") && e.getValue().isJsonObject()) {
                JsonObject family = new JsonObject();
                family.add("rate_limit", e.getValue());
                out.add(additional(family, e.getKey(), capturedAt));
            }
        }
        return out;
    }

    private static AdditionalLimit additional(JsonObject item, String key, Instant capturedAt) {
        JsonObject rateLimit = object(item, "rate_limit");
        WindowSlots.Slots slots = rateLimit == null ? new WindowSlots.Slots(null, null)
                : windows(rateLimit, capturedAt);
        String feature = string(item, "metered_feature");
        String name = string(item, "limit_name");
        return new AdditionalLimit(name != null ? name : key, feature != null ? feature : key,
                rateLimit != null && reached(rateLimit), slots.primary(), slots.secondary());
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String string(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static boolean bool(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        return e != null && e.isJsonPrimitive() && (e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean()
                : e.getAsString().equalsIgnoreCase("true"));
    }

    private static boolean isFalse(JsonElement e) {
        return e.isJsonPrimitive() && (e.getAsJsonPrimitive().isBoolean() ? !e.getAsBoolean()
                : e.getAsString().equalsIgnoreCase("false"));
    }

    /** A number, or a string holding one ({@code "12.5"}); anything else is null. */
    static Double number(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        return number(e.getAsString());
    }

    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = new BigDecimal(text.trim()).doubleValue();
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long whole(Double value) {
        return value == null ? null : (long) Math.ceil(value);
    }
}
