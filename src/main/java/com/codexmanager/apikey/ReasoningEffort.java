package com.codexmanager.apikey;

import java.util.Locale;
import java.util.Optional;

/** A reasoning effort a key can force on every request ({@code reasoning.effort} of the Responses API). */
public enum ReasoningEffort {
    LOW, MEDIUM, HIGH, XHIGH;

    /** The name used over RPC, upstream and in the database: {@code low}, {@code medium}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; empty for anything else. */
    public static Optional<ReasoningEffort> parse(String text) {
        for (ReasoningEffort effort : values()) {
            if (effort.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(effort);
            }
        }
        return Optional.empty();
    }
}
