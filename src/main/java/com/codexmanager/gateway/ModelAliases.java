package com.codexmanager.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps client model names to backend models ({@code CODEXMANAGER_CLAUDE_MODEL_MAP}): comma-separated
 * {@code pattern=model} rules, first match wins, {@code *} matches any text, case-insensitive. Entries without
 * {@code =} or with an empty side are ignored. Immutable.
 */
final class ModelAliases {
    private record Rule(Pattern pattern, String model) {
    }

    private final List<Rule> rules;

    private ModelAliases(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static ModelAliases parse(String spec) {
        List<Rule> rules = new ArrayList<>();
        if (spec == null) {
            return new ModelAliases(rules);
        }
        for (String entry : spec.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String pattern = entry.substring(0, eq).trim();
            String model = entry.substring(eq + 1).trim();
            if (!pattern.isEmpty() && !model.isEmpty()) {
                rules.add(new Rule(glob(pattern), model));
            }
        }
        return new ModelAliases(rules);
    }

    /** The backend model for {@code model}; the name itself when no rule matches ({@code null} stays null). */
    String resolve(String model) {
        if (model == null) {
            return null;
        }
        String lower = model.trim().toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.pattern().matcher(lower).matches()) {
                return rule.model();
            }
        }
        return model;
    }

    private static Pattern glob(String pattern) {
        List<String> pieces = new ArrayList<>();
        for (String piece : pattern.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            pieces.add(Pattern.quote(piece));
        }
        return Pattern.compile(String.join(".*", pieces));
    }
}
