package com.codexmanager.logging;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
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
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}"), "$1 " + MASK,
                    t -> t.lower().contains("bearer") || t.lower().contains("basic")),
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), MASK,
                    t -> t.text().contains("eyJ")),
            new Rule(Pattern.compile("\\b(cmk|sk)[-_][A-Za-z0-9_-]{12,}"), "$1_" + MASK,
                    t -> t.text().contains("k-") || t.text().contains("k_")),
            new Rule(Pattern.compile("(?i)(\"(?:access_?token|refresh_?token|id_?token|api_?key|azure_?api_?key"
                    + "|password|secret|code_verifier|codeVerifier|token|key|cookie|authorization|rpc_?token)\""
                    + "\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")"), "$1" + MASK + "$2",
                    t -> t.text().indexOf('"') >= 0),
            new Rule(Pattern.compile("(?i)\\b(access_token|refresh_token|id_token|code_verifier|api[-_]?key"
                    + "|subject_token|token)=([^&\\s\"]+)"), "$1=" + MASK,
                    t -> t.lower().contains("token=") || t.lower().contains("verifier=") || t.lower().contains("key=")),
            // An OAuth authorization code only as a URL query or form parameter: a bare "code=" is the trace's
            // error code (REQUEST_FINAL ... code=upstream_timeout), which must stay readable.
            new Rule(Pattern.compile("(?i)(^|[?&])(code)=([^&\\s\"]+)"), "$1$2=" + MASK,
                    t -> t.lower().contains("code=")),
            new Rule(Pattern.compile("(?i)\\b(x-codexmanager-rpc-token|x-api-key|api-key|cookie|authorization)"
                    + "(\\s*[:=]\\s*)([^\\s,;]+)"), "$1$2" + MASK,
                    t -> t.lower().contains("rpc-token") || t.lower().contains("api-key") || t.lower().contains("cookie")
                            || t.lower().contains("authorization")),
            new Rule(Pattern.compile("\\b[0-9a-fA-F]{64}\\b"), MASK, t -> hasHexRun(t.text(), 64)),
            // a password in a URL's user info (a proxy URL), up to the token's last '@'
            new Rule(Pattern.compile("(://[^/@:\\s]*:)\\S*@"), "$1" + MASK + "@",
                    t -> t.text().indexOf('@') >= 0 && t.text().contains("://")));

    /**
     * A rule runs its pattern only when {@code mayMatch} holds: a cheap test that every match needs (a literal it
     * contains), so that the common text with nothing to hide costs a few scans instead of nine regex searches.
     */
    private record Rule(Pattern pattern, String replacement, Predicate<Text> mayMatch) {
    }

    /** The text and its lower-case form (the case-insensitive rules' literals are ASCII). */
    private record Text(String text, String lower) {
        static Text of(String text) {
            return new Text(text, text.toLowerCase(Locale.ROOT));
        }
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
        return applyRules(out, true);
    }

    /** Every rule without the pre-checks: what {@link #redact} must equal (tests compare the two). */
    static String redactEveryRule(String text) {
        return applyRules(text, false);
    }

    private static String applyRules(String input, boolean preCheck) {
        Text text = Text.of(input);
        for (Rule rule : RULES) {
            if (preCheck && !rule.mayMatch().test(text)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text.text());
            if (m.find()) {
                text = Text.of(m.replaceAll(rule.replacement()));
            }
        }
        return text.text();
    }

    private static boolean hasHexRun(String text, int length) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = isHexDigit(text.charAt(i)) ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHexDigit(char c) {
        char lower = (char) (c | 0x20);
        return (c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'f');
    }
}
