package com.codexmanager.logging;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text bound for logs and trace files: bearer credentials, JWTs, platform keys, token-like
 * JSON fields and form parameters, 64-hex tokens, and any exact secret registered at runtime. Stateless and
 * thread-safe; the patterns are compiled once.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}"), "$1 " + MASK),
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), MASK),
            new Rule(Pattern.compile("\\b(cmk|sk)[-_][A-Za-z0-9_-]{12,}"), "$1_" + MASK),
            new Rule(Pattern.compile("(?i)(\"(?:access_?token|refresh_?token|id_?token|api_?key|azure_?api_?key"
                    + "|password|secret|code_verifier|codeVerifier|token|key|cookie|authorization|rpc_?token)\""
                    + "\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")"), "$1" + MASK + "$2"),
            new Rule(Pattern.compile("(?i)\\b(access_token|refresh_token|id_token|code_verifier|api[-_]?key"
                    + "|subject_token|token)=([^&\\s\"]+)"), "$1=" + MASK),
            // An OAuth authorization code only as a URL query or form parameter: a bare "code=" is the trace's
            // error code (REQUEST_FINAL ... code=upstream_timeout), which must stay readable.
            new Rule(Pattern.compile("(?i)(^|[?&])(code)=([^&\\s\"]+)"), "$1$2=" + MASK),
            new Rule(Pattern.compile("(?i)\\b(x-codexmanager-rpc-token|x-api-key|api-key|cookie|authorization)"
                    + "(\\s*[:=]\\s*)([^\\s,;]+)"), "$1$2" + MASK),
            new Rule(Pattern.compile("\\b[0-9a-fA-F]{64}\\b"), MASK),
            // a password in a URL's user info (a proxy URL), up to the token's last '@'
            new Rule(Pattern.compile("(://[^/@:\\s]*:)\\S*@"), "$1" + MASK + "@"));

    private record Rule(Pattern pattern, String replacement) {
    }

    private Redactor() {
    }

    /** Redacts the built-in patterns only. */
    public static String redact(String text) {
        return redact(text, List.of());
    }

    /** Redacts the built-in patterns and every exact occurrence of {@code knownSecrets} (blank ones ignored). */
    public static String redact(String text, Collection<String> knownSecrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : knownSecrets) {
            if (secret != null && secret.length() >= 4 && out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }
}
