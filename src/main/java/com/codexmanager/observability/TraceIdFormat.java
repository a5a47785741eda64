package com.codexmanager.observability;

import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's trace ids: {@code trc_}, the request's time as 11 hex digits of epoch milliseconds, then 8 random
 * hex digits ({@code trc_1a24b39aa005e03a9b1}). The one place that knows the form: the gateway makes ids with it
 * and the request-log search reads the time back from them. Stateless.
 */
public final class TraceIdFormat {
    private static final HexFormat HEX = HexFormat.of();
    /** The time's hex digits kept: 11 of the 16 cover epoch milliseconds until the year 2527. */
    private static final int TIME_DIGITS = 11;
    private static final Pattern ID = Pattern.compile("trc_([0-9a-f]{" + TIME_DIGITS + "})[0-9a-f]{8}");

    private TraceIdFormat() {
    }

    /** The id of a request that started at {@code epochMillis}, with {@code random} as its unique part. */
    public static String of(long epochMillis, int random) {
        return "trc_" + HEX.toHexDigits(epochMillis).substring(16 - TIME_DIGITS) + HEX.toHexDigits(random);
    }

    /** The start time an id in this form carries; empty for any other id. */
    public static OptionalLong millis(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1), 16)) : OptionalLong.empty();
    }
}
