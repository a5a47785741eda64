package com.codexmanager.auth;

import java.util.List;

/**
 * What {@code account/login/start} asks for: metadata for the new account and an optional workspace restriction.
 * All fields may be {@code null}. Immutable.
 */
public record LoginRequest(String groupName, List<String> tags, String note, String workspaceId) {
    public static final LoginRequest EMPTY = new LoginRequest(null, null, null, null);

    public LoginRequest {
        tags = tags == null ? null : List.copyOf(tags);
    }
}
