package com.codexmanager.config;

import java.util.Locale;

/** Normalises the upstream base URLs users type into the forms the gateway needs. Stateless. */
public final class UpstreamUrls {
    private UpstreamUrls() {
    }

    /**
     * Turns {@code https://chatgpt.com} or {@code https://chat.openai.com} (with or without {@code /backend-api})
     * into the Codex base {@code …/backend-api/codex}; other URLs only lose trailing slashes.
     */
    public static String normaliseCodexBase(String url) {
        String trimmed = stripTrailingSlashes(url.trim());
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (isChatGptHost(lower)) {
            String root = hostRoot(trimmed);
            return root + "/backend-api/codex";
        }
        if (isChatGptHostWith(lower, "/backend-api")) {
            return trimmed + "/codex";
        }
        return trimmed;
    }

    /** Usage lives at {@code {base}/backend-api/wham/usage}: strip any {@code /backend-api…} suffix. */
    public static String normaliseUsageBase(String url) {
        String trimmed = stripTrailingSlashes(url.trim());
        int idx = trimmed.indexOf("/backend-api");
        return idx >= 0 ? trimmed.substring(0, idx) : trimmed;
    }

    private static boolean isChatGptHost(String lower) {
        return lower.equals("https://chatgpt.com") || lower.equals("https://chat.openai.com")
                || lower.equals("http://chatgpt.com") || lower.equals("http://chat.openai.com");
    }

    private static boolean isChatGptHostWith(String lower, String suffix) {
        return lower.endsWith(suffix) && isChatGptHost(lower.substring(0, lower.length() - suffix.length()));
    }

    private static String hostRoot(String url) {
        int schemeEnd = url.indexOf("://") + 3;
        int slash = url.indexOf('/', schemeEnd);
        return slash < 0 ? url : url.substring(0, slash);
    }

    private static String stripTrailingSlashes(String url) {
        String out = url;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
