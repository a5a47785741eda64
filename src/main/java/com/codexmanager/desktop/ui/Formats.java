package com.codexmanager.desktop.ui;

import com.codexmanager.desktop.i18n.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Dates, percentages and counts as the UI shows them, in the user's time zone. Immutable. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Messages messages;
    private final ZoneId zone;

    public Formats(Messages messages, ZoneId zone) {
        this.messages = messages;
        this.zone = zone;
    }

    /** "14:05" today, else "05-21 14:05"; "–" when unknown. */
    public String when(Instant instant, Instant now) {
        if (instant == null) {
            return "–";
        }
        ZonedDateTime t = instant.atZone(zone);
        return t.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? TIME.format(t) : DAY_TIME.format(t);
    }

    /** "05-21 14:05:09": the logs table's time column. */
    public String seconds(Instant instant) {
        return instant == null ? "–" : SECONDS.format(instant.atZone(zone));
    }

    /** "2026-05-21", for dates that may be a year away; "–" when unknown. */
    public String day(Instant instant) {
        return instant == null ? "–" : DAY.format(instant.atZone(zone));
    }

    public String full(Instant instant) {
        return instant == null ? "–" : FULL.format(instant.atZone(zone));
    }

    /** "65% left · resets 14:05" for a window whose used percentage is known. */
    public String window(String windowName, Double usedPercent, Instant resetsAt, Instant now) {
        if (usedPercent == null) {
            return messages.text("usage.unknown", windowName);
        }
        long left = Math.round(Math.max(0, 100 - usedPercent));
        return resetsAt == null ? messages.text("usage.left", windowName, left)
                : messages.text("usage.leftResets", windowName, left, when(resetsAt, now));
    }

    /** "65% left · 14:05" for a table cell whose column already names the window. */
    public String shortWindow(Double usedPercent, Instant resetsAt, Instant now) {
        if (usedPercent == null) {
            return "–";
        }
        long left = Math.round(Math.max(0, 100 - usedPercent));
        return resetsAt == null ? messages.text("usage.shortLeft", left)
                : messages.text("usage.short", left, when(resetsAt, now));
    }

    /** "resets in 58 min", "resets in 3 h 5 min", "resets in 2 d 4 h"; "resets any moment" once it is due. */
    public String resetsIn(Instant resetsAt, Instant now) {
        long minutes = (long) Math.ceil(java.time.Duration.between(now, resetsAt).getSeconds() / 60.0);
        if (minutes <= 0) {
            return messages.text("usage.resetsDue");
        }
        if (minutes < 60) {
            return messages.text("usage.resetsInMinutes", minutes);
        }
        if (minutes < 24 * 60) {
            return messages.text("usage.resetsInHours", minutes / 60, minutes % 60);
        }
        return messages.text("usage.resetsInDays", minutes / (24 * 60), minutes / 60 % 24);
    }

    /** "~40 min", "~6 h", "~3 d": how long something lasts, rounded for a glance. */
    public String lasts(double hours) {
        if (hours < 1) {
            return messages.text("forecast.minutes", Math.max(1, Math.round(hours * 60)));
        }
        if (hours < 48) {
            return messages.text("forecast.hours", Math.round(hours));
        }
        return messages.text("forecast.days", Math.round(hours / 24));
    }

    /** 1234567 → "1.2M", 5300 → "5.3k". */
    public static String compact(long value) {
        if (value >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fM", value / 1_000_000.0);
        }
        if (value >= 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fk", value / 1_000.0);
        }
        return Long.toString(value);
    }
}
