package com.codexmanager.account;

import java.util.List;
import java.util.Optional;

/**
 * A filtered, paged view request for {@code account/list}. {@code page} starts at 1. Immutable.
 *
 * @param textOrNull      matched case-insensitively against label, email, id, ChatGPT account id, note and tags;
 *                        null or blank matches everything
 * @param groupNameOrNull exact group name; null means any group
 * @param statuses  wire names of the statuses to keep; empty keeps all
 */
public record AccountQuery(String textOrNull, String groupNameOrNull, List<String> statuses, int page,
        int pageSize) {
    public AccountQuery {
        statuses = List.copyOf(statuses);
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1: " + page);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
    }

    public Optional<String> text() {
        return textOrNull == null || textOrNull.isBlank() ? Optional.empty() : Optional.of(textOrNull.trim());
    }

    public Optional<String> groupName() {
        return Optional.ofNullable(groupNameOrNull);
    }

    long offset() {
        return (long) (page - 1) * pageSize;
    }

    int limit() {
        return pageSize;
    }
}
