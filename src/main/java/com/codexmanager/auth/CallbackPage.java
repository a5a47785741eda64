package com.codexmanager.auth;

/** The HTML page the callback server answers with, and its HTTP status. Immutable. */
record CallbackPage(int status, String html) {
    static CallbackPage success(String email) {
        return new CallbackPage(200, page("Login complete", "Signed in" + (email == null ? "" : " as "
                + escape(email)) + ". You can close this window and return to CodexManager."));
    }

    static CallbackPage error(int status, String message) {
        return new CallbackPage(status, page("Login failed", escape(message)
                + " Return to CodexManager to try again."));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + " - CodexManager</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}"
                + "</style></head><body><h1>" + title + "</h1><p>" + body + "</p></body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
