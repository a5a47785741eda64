package com.codexmanager.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Parses a redirect URL pasted by the user, such as {@code http://localhost:1455/auth/callback?code=…&state=…} or
 * the same without the scheme. Stateless.
 */
final class CallbackUrl {
    private CallbackUrl() {
    }

    /** The query parameters; fails with {@code INVALID_CALLBACK} unless there is a state and a code or error. */
    static Map<String, String> parse(String pasted) {
        String text = pasted == null ? "" : pasted.strip();
        if (text.isEmpty()) {
            throw invalid("the callback URL is empty");
        }
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("the callback URL is not a valid URL");
        }
        Map<String, String> query = CallbackServer.query(uri.getRawQuery());
        if (!query.containsKey("state") || query.get("state").isBlank()) {
            throw invalid("the callback URL has no state parameter; paste the whole address from the browser");
        }
        if (!query.containsKey("code") && !query.containsKey("error")) {
            throw invalid("the callback URL has no code parameter; paste the whole address from the browser");
        }
        return query;
    }

    private static LoginException invalid(String message) {
        return new LoginException(LoginException.Code.INVALID_CALLBACK, message);
    }
}
