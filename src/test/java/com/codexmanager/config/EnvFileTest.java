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
}
