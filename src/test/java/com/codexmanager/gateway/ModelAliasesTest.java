package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.cli.ClientSnippets;
import com.codexmanager.config.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CLAUDE_MODEL_MAP rules: globs, first match wins, case-insensitive, unmatched names pass through. */
class ModelAliasesTest {
    @Test
    void default_map_sends_claude_families_to_backend_models() {
        ModelAliases aliases = ModelAliases.parse(Setting.CLAUDE_MODEL_MAP.defaultValue());

        assertThat(aliases.resolve("claude-opus-4-8")).isEqualTo("gpt-5.6-sol");
        assertThat(aliases.resolve("Claude-Sonnet-5")).isEqualTo("gpt-5.5");
        assertThat(aliases.resolve("claude-haiku-4-5-20251001")).isEqualTo("gpt-5.4-mini");
        assertThat(aliases.resolve("gpt-5.5")).isEqualTo("gpt-5.5");
        assertThat(aliases.resolve("my-local-model")).isEqualTo("my-local-model");
    }

    @Test
    void first_matching_rule_wins_and_malformed_entries_are_ignored() {
        ModelAliases aliases = ModelAliases.parse("claude-opus-4*=gpt-5.5, *opus*=gpt-5.6-sol, broken, =x, y=");

        assertThat(aliases.resolve("claude-opus-4-8")).isEqualTo("gpt-5.5");
        assertThat(aliases.resolve("opus")).isEqualTo("gpt-5.6-sol");
        assertThat(aliases.resolve("y")).isEqualTo("y");
        assertThat(aliases.resolve(null)).isNull();
    }

    @Test
    void the_codex_snippets_model_resolves_as_an_alias_of_itself_after_any_configured_rule() {
        ModelAliases custom = ModelAliases.parse("*opus*=gpt-5.6-sol");
        ModelAliases overridden = ModelAliases.parse("gpt-5.5=gpt-6");

        assertThat(ModelAliases.CODEX_DEFAULT_MODEL).isEqualTo(ClientSnippets.DEFAULT_CODEX_MODEL);
        assertThat(custom.match(ClientSnippets.DEFAULT_CODEX_MODEL)).hasValueSatisfying(rule ->
                assertThat(rule.targets()).containsExactly(ClientSnippets.DEFAULT_CODEX_MODEL));
        assertThat(ModelAliases.parse(null).match(ClientSnippets.DEFAULT_CODEX_MODEL)).isPresent();
        assertThat(overridden.resolve(ClientSnippets.DEFAULT_CODEX_MODEL)).isEqualTo("gpt-6");
    }

    @Test
    void globs_match_exactly_what_the_equivalent_regex_matches() {
        List<String> patterns = List.of("*opus*", "claude-opus-4*", "*-mini", "gpt-5.5", "a*b*a", "a*a", "*", "**",
                "*x*y*", "claude-*-4-*");
        List<String> names = List.of("", "a", "aa", "aba", "abba", "opus", "claude-opus-4-8", "claude-3-opus",
                "gpt-5.4-mini", "gpt-5.5", "gpt-5.55", "xy", "yx", "axby", "claude-sonnet-4-5", "claude-4-");
        for (String pattern : patterns) {
            Pattern regex = Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                    .collect(Collectors.joining(".*")));
            ModelAliases.Glob glob = ModelAliases.Glob.of(pattern);
            for (String name : names) {
                assertThat(glob.matches(name)).as("%s against %s", pattern, name)
                        .isEqualTo(regex.matcher(name).matches());
            }
        }
    }
}
