package com.codexmanager.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Validation of user-supplied account fields. Each failure is an {@link IllegalArgumentException} whose message
 * starts with the field name, so RPC can report it as a -32602 naming the field. Stateless.
 */
public final class AccountFields {
    private AccountFields() {
    }

    /** Trimmed value, {@code null} when blank; fails when longer than {@code max}. */
    public static String optional(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        return limit(field, trimmed, max);
    }

    public static String limit(String field, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + ": must be at most " + max + " characters");
        }
        return value;
    }

    /** Trimmed, de-duplicated, non-blank tags; at most {@value AccountDraft#MAX_TAGS} of at most 64 characters. */
    public static List<String> tags(List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            out.add(limit("tags", tag.trim(), AccountDraft.MAX_TAG));
        }
        if (out.size() > AccountDraft.MAX_TAGS) {
            throw new IllegalArgumentException("tags: at most " + AccountDraft.MAX_TAGS + " tags are allowed");
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /** Splits a comma-separated tag string (the original product's format). */
    public static List<String> splitTags(String text) {
        return tags(List.of(text.split(",")));
    }
}
