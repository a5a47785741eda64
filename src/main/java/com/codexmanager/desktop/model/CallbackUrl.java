package com.codexmanager.desktop.model;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The redirect URL the browser ended on after login ({@code http://localhost:1455/auth/callback?code=…&state=…}),
 * pasted by the user when the local callback server could not receive it. Immutable; {@link #toString()} hides the
 * code.
 */
public record CallbackUrl(String redirectUri, String code, String state, String rawCode, String rawState) {
    /** Parses a pasted URL; empty when it has no {@code code} and {@code state}. */
    public static Optional<CallbackUrl> parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.contains("://")) {
            trimmed = "http://" + trimmed;
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getRawQuery() == null || uri.getScheme() == null) {
            return Optional.empty();
        }
        Map<String, String> query = new HashMap<>();
        Map<String, String> raw = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                raw.put(name, pair.substring(eq + 1));
            }
        }
        String code = query.get("code");
        String state = query.get("state");
        if (code == null || code.isBlank() || state == null || state.isBlank()) {
            return Optional.empty();
        }
        String redirect = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? ""
                : uri.getRawPath());
        return Optional.of(new CallbackUrl(redirect, code, state, raw.get("code"), raw.get("state")));
    }

    @Override
    public String toString() {
        return "CallbackUrl[" + redirectUri + ", code=***, state=***]";
    }
}
