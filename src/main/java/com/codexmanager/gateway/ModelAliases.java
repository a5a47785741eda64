package com.codexmanager.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps client model names to backend models ({@code CODEXMANAGER_CLAUDE_MODEL_MAP}): comma-separated
 * {@code pattern=target|target…} rules, first match wins, {@code *} matches any text, case-insensitive. The
 * targets of a rule are in preference order; {@link ModelResolver} takes the first one the pool can serve and
 * otherwise falls back to the catalogue's best model of the rule's {@link Tier}. Entries without {@code =} or with
 * an empty side are ignored. After the configured rules comes always {@link #CODEX_DEFAULT_MODEL}{@code =}itself,
 * so that model works on any catalogue. Parsed once per settings snapshot. Immutable.
 */
final class ModelAliases {
    /**
     * The model the key snippets write into Codex CLI's {@code config.toml} ({@code ClientSnippets}): it resolves
     * like an alias to itself, so a later catalogue without it serves the top model instead of a 404 that would
     * break every Codex CLI set up from a snippet.
     */
    static final String CODEX_DEFAULT_MODEL = "gpt-5.5";

    /** Which model of a catalogue an alias falls back to when none of its targets is offered. */
    enum Tier {
        /** The best-ranked general model (opus, sonnet and everything not small). */
        TOP,
        /** The smallest model (haiku, mini, nano), as {@link TierChoice} reads it from the ranking. */
        SMALL;

        private static final List<String> SMALL_WORDS = List.of("haiku", "mini", "nano");

        static Tier of(String... names) {
            for (String name : names) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (SMALL_WORDS.stream().anyMatch(lower::contains)) {
                    return SMALL;
                }
            }
            return TOP;
        }
    }

    /**
     * One rule.
     *
     * @param pattern the glob as written
     * @param targets backend models in preference order, never empty
     */
    record Rule(String pattern, Glob glob, List<String> targets) {
        Rule {
            targets = List.copyOf(targets);
        }

        /** The tier of a request for {@code model} under this rule. */
        Tier tier(String model) {
            return Tier.of(pattern, model);
        }

        /**
         * A name a client can send to hit this rule: the pattern without its wildcards, when that still matches
         * (so {@code *opus*} lists as {@code opus}); empty when stripping leaves nothing usable.
         */
        Optional<String> listedName() {
            String name = pattern.replace("*", "").trim();
            return !name.isEmpty() && glob.matches(name.toLowerCase(Locale.ROOT)) ? Optional.of(name)
                    : Optional.empty();
        }
    }

    private final List<Rule> rules;

    private ModelAliases(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static ModelAliases parse(String spec) {
        List<Rule> rules = new ArrayList<>();
        if (spec == null) {
            return withCodexDefault(rules);
        }
        for (String entry : spec.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String pattern = entry.substring(0, eq).trim();
            List<String> targets = new ArrayList<>();
            for (String target : entry.substring(eq + 1).split("\\|")) {
                if (!target.isBlank()) {
                    targets.add(target.trim());
                }
            }
            if (!pattern.isEmpty() && !targets.isEmpty()) {
                rules.add(new Rule(pattern, Glob.of(pattern), targets));
            }
        }
        return withCodexDefault(rules);
    }

    private static ModelAliases withCodexDefault(List<Rule> rules) {
        rules.add(new Rule(CODEX_DEFAULT_MODEL, Glob.of(CODEX_DEFAULT_MODEL), List.of(CODEX_DEFAULT_MODEL)));
        return new ModelAliases(rules);
    }

    /** The first rule matching {@code model}, if any. */
    Optional<Rule> match(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String lower = model.trim().toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.glob().matches(lower)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The first target for {@code model}, ignoring what the pool offers; the name itself when no rule matches
     * ({@code null} stays null).
     */
    String resolve(String model) {
        return match(model).map(rule -> rule.targets().get(0)).orElse(model);
    }

    List<Rule> rules() {
        return rules;
    }

    /**
     * A lower-case pattern where {@code *} stands for any text, matched without a regex: it runs on every request,
     * where a {@code .*} regex per rule showed in the profile.
     *
     * @param pieces the literal text between the stars, in order (first and last may be empty)
     */
    record Glob(List<String> pieces) {
        static Glob of(String pattern) {
            return new Glob(List.of(pattern.toLowerCase(Locale.ROOT).split("\\*", -1)));
        }

        /** Whether the whole of {@code text} (already lower-case) matches. */
        boolean matches(String text) {
            String first = pieces.get(0);
            if (pieces.size() == 1) {
                return text.equals(first);
            }
            String last = pieces.get(pieces.size() - 1);
            if (!text.startsWith(first) || text.length() < first.length() + last.length()) {
                return false;
            }
            int from = first.length();
            int end = text.length() - last.length();
            for (int i = 1; i < pieces.size() - 1; i++) {
                int at = text.indexOf(pieces.get(i), from);
                if (at < 0 || at + pieces.get(i).length() > end) {
                    return false;
                }
                from = at + pieces.get(i).length();
            }
            return text.startsWith(last, end);
        }
    }
}
