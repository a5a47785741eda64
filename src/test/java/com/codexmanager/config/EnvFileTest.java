package com.codexmanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    @TempDir
    Path dir;

    @Test
    void parses_comments_export_quotes_and_inline_comments() {
        Map<String, String> vars = EnvFile.parse("""
                # a comment
                ; another comment
                export CODEXMANAGER_SERVICE_ADDR=0.0.0.0:48760
                CODEXMANAGER_RPC_TOKEN="quoted # not a comment"
                CODEXMANAGER_UPSTREAM_COOKIE='single quoted'
                CODEXMANAGER_ROUTE_STRATEGY=balanced # inline comment
                CODEXMANAGER_NO_SERVICE=
                   SPACED = value with spaces  \s
                not a variable line
                """);

        assertThat(vars).containsEntry("CODEXMANAGER_SERVICE_ADDR", "0.0.0.0:48760")
                .containsEntry("CODEXMANAGER_RPC_TOKEN", "quoted # not a comment")
                .containsEntry("CODEXMANAGER_UPSTREAM_COOKIE", "single quoted")
                .containsEntry("CODEXMANAGER_ROUTE_STRATEGY", "balanced")
                .containsEntry("CODEXMANAGER_NO_SERVICE", "")
                .containsEntry("SPACED", "value with spaces")
                .hasSize(6);
    }

    @Test
    void looks_for_codexmanager_env_then_CodexManager_env_then_dot_env() throws Exception {
        Files.writeString(dir.resolve(".env"), "A=dot");
        assertThat(EnvFile.find(dir)).contains(dir.resolve(".env"));

        Files.writeString(dir.resolve("CodexManager.env"), "A=camel");
        assertThat(EnvFile.find(dir).orElseThrow().getFileName().toString()).isEqualTo("CodexManager.env");

        Files.writeString(dir.resolve("codexmanager.env"), "A=lower");
        assertThat(EnvFile.find(dir).orElseThrow().getFileName().toString()).isIn("codexmanager.env",
                "CodexManager.env");
    }

    @Test
    void only_the_first_file_found_is_loaded() throws Exception {
        Files.writeString(dir.resolve("codexmanager.env"), "FIRST=1");
        Files.writeString(dir.resolve(".env"), "SECOND=2");

        Map<String, String> env = EnvFile.overlay(Map.of(), EnvFile.find(dir).orElseThrow());

        assertThat(env).containsEntry("FIRST", "1").doesNotContainKey("SECOND");
    }

    @Test
    void process_environment_is_never_overridden_even_when_empty() throws Exception {
        Path file = dir.resolve("codexmanager.env");
        Files.writeString(file, "CODEXMANAGER_ROUTE_STRATEGY=balanced\nCODEXMANAGER_RPC_TOKEN=fromfile\nNEW=1\n");

        Map<String, String> env = EnvFile.overlay(
                Map.of("CODEXMANAGER_ROUTE_STRATEGY", "ordered", "CODEXMANAGER_RPC_TOKEN", ""), file);

        assertThat(env).containsEntry("CODEXMANAGER_ROUTE_STRATEGY", "ordered")
                .containsEntry("CODEXMANAGER_RPC_TOKEN", "")
                .containsEntry("NEW", "1");
    }

    @Test
    void none_found_in_an_empty_folder() {
        assertThat(EnvFile.find(dir)).isEmpty();
    }

    @Test
    void loading_reports_what_was_applied_what_the_environment_overrode_and_bad_lines() throws Exception {
        Path file = dir.resolve("codexmanager.env");
        Files.writeString(file, String.join("\n",
                "# settings",
                "CODEXMANAGER_ROUTE_STRATEGY=balanced",
                "CODEXMANAGER_RPC_TOKEN=fromfile",
                "this line has no equals sign",
                "CODEXMANAGER_SERVCE_ADDR=0.0.0.0:1",
                "BAD NAME=1",
                "CODEXMANAGER_UPSTREAM_COOKIE=\"cookie-value-xyz",
                ""));

        EnvFile.Loaded loaded = EnvFile.load(Map.of("CODEXMANAGER_RPC_TOKEN", "fromenv"), file, dir);

        EnvFileReport report = loaded.report();
        assertThat(report.file()).isEqualTo(file);
        assertThat(report.applied()).containsKeys("CODEXMANAGER_ROUTE_STRATEGY", "CODEXMANAGER_UPSTREAM_COOKIE")
                .doesNotContainKey("CODEXMANAGER_RPC_TOKEN");
        assertThat(report.ignored()).containsExactly("CODEXMANAGER_RPC_TOKEN");
        assertThat(loaded.variables()).containsEntry("CODEXMANAGER_RPC_TOKEN", "fromenv");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith(file + ":4: no NAME=value"))
                .anySatisfy(w -> assertThat(w).startsWith(file + ":5: CODEXMANAGER_SERVCE_ADDR is not a known setting"))
                .anySatisfy(w -> assertThat(w).startsWith(file + ":6: 'BAD NAME' is not a variable name"))
                .anySatisfy(w -> assertThat(w).startsWith(file + ":7: the value of CODEXMANAGER_UPSTREAM_COOKIE opens"))
                .hasSize(4);
        assertThat(String.join("\n", report.warnings())).doesNotContain("cookie-value-xyz");
        assertThat(report.summary()).hasValueSatisfying(line -> assertThat(line)
                .contains(file.toString()).contains("3 variables applied")
                .contains("ignored because the environment already sets them: CODEXMANAGER_RPC_TOKEN"));
    }

    @Test
    void a_folder_without_a_file_says_where_it_looked() {
        assertThat(EnvFileReport.notFound(dir).summary()).hasValueSatisfying(line -> assertThat(line)
                .contains(dir.toString()).contains("codexmanager.env"));
        assertThat(EnvFileReport.NONE.summary()).isEmpty();
    }
}
