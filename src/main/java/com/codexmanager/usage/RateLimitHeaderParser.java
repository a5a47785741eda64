package com.codexmanager.usage;

import com.codexmanager.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code x-codex-*} rate-limit headers of a Codex reply (codex-protocol.md §2.6): for the primary and
 * secondary prefixes the used percent (float or integer), window minutes, absolute {@code reset-at} (unix
 * seconds) or relative {@code reset-after-seconds}; plan type and credits. A used percent of 0 with no window and no
 * reset is "no data", as the Codex CLI treats it. Windows are then classified by length like the JSON. Header
 * names are matched case-insensitively. Stateless.
 */
final class RateLimitHeaderParser {
    private static final String PREFIX = "x-codex-";

    private RateLimitHeaderParser() {
    }

    /** What one reply's headers said; windows and other fields are null when absent. */
    record HeaderUsage(UsageWindow primary, UsageWindow secondary, String planType, String creditsJson) {
        boolean empty() {
            return primary == null && secondary == null && planType == null && creditsJson == null;
        }
    }

    static Optional<HeaderUsage> parse(Map<String, String> headers, Instant now) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                lower.put(name.toLowerCase(Locale.ROOT), value.trim());
            }
        });
        List<UsageWindow> windows = new ArrayList<>();
        windows.add(window(lower, PREFIX + "primary-", now));
        windows.add(window(lower, PREFIX + "secondary-", now));
        WindowSlots.Slots slots = WindowSlots.assign(windows);
        String plan = lower.get(PREFIX + "plan-type");
        HeaderUsage usage = new HeaderUsage(slots.primary(), slots.secondary(),
                plan == null || plan.isBlank() ? null : plan, credits(lower));
        return usage.empty() ? Optional.empty() : Optional.of(usage);
    }

    private static UsageWindow window(Map<String, String> headers, String prefix, Instant now) {
        Double used = UsageParser.number(headers.get(prefix + "used-percent"));
        if (used == null) {
            return null;
        }
        Long minutes = UsageParser.whole(UsageParser.number(headers.get(prefix + "window-minutes")));
        Long resetAt = UsageParser.whole(UsageParser.number(headers.get(prefix + "reset-at")));
        Long resetAfter = UsageParser.whole(UsageParser.number(headers.get(prefix + "reset-after-seconds")));
        Instant resets = resetAt != null && resetAt > 0 ? Instant.ofEpochSecond(resetAt)
                : resetAfter != null && resetAfter > 0 ? now.plusSeconds(resetAfter) : null;
        boolean hasWindow = minutes != null && minutes > 0;
        if (used == 0 && !hasWindow && resets == null) {
            return null;
        }
        return new UsageWindow(used, hasWindow ? minutes : null, resets);
    }

    private static String credits(Map<String, String> headers) {
        String has = headers.get(PREFIX + "credits-has-credits");
        String unlimited = headers.get(PREFIX + "credits-unlimited");
        String balance = headers.get(PREFIX + "credits-balance");
        if (has == null && unlimited == null && balance == null) {
            return null;
        }
        Map<String, Object> credits = new LinkedHashMap<>();
        credits.put("has_credits", flag(has));
        credits.put("unlimited", flag(unlimited));
        credits.put("balance", balance);
        return Json.write(credits);
    }

    /** {@code True}/{@code true}/{@code 1} are true, {@code False}/{@code false}/{@code 0} false, else null. */
    private static Boolean flag(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1") ? Boolean.TRUE : v.equals("false") || v.equals("0") ? Boolean.FALSE
                : null;
    }
}
