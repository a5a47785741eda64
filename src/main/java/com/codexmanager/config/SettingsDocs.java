package com.codexmanager.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the {@link Setting} table as the README's configuration section and as
 * {@code env-samples/codexmanager.env}. A test fails when the committed files drift; run
 * {@code java -cp target/classes com.codexmanager.config.SettingsDocs .} to rewrite them.
 */
public final class SettingsDocs {
    public static final String README_START = "<!-- settings-table:start (generated from Setting.java) -->";
    public static final String README_END = "<!-- settings-table:end -->";
    public static final Path ENV_SAMPLE = Path.of("env-samples", "codexmanager.env");

    private SettingsDocs() {
    }

    /** The Markdown table placed between the README markers. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        for (Setting.Group group : Setting.Group.values()) {
            out.append("\n**").append(group.title()).append("**\n\n");
            out.append("| Variable | Default | Allowed | Description |\n|---|---|---|---|\n");
            for (Setting s : Setting.values()) {
                if (s.group() != group) {
                    continue;
                }
                out.append("| `").append(s.envName()).append("` | ")
                        .append(s.defaultValue().isEmpty() ? "–" : "`" + s.defaultValue() + "`").append(" | ")
                        .append(allowed(s)).append(" | ")
                        .append(s.description().replace("|", "\\|"))
                        .append(s.restartRequired() ? " *(restart)*" : "")
                        .append(s.locked() ? " *(env only)*" : "")
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    /** The commented sample env file listing every setting with its default. */
    public static String envSample() {
        StringBuilder out = new StringBuilder();
        out.append("# CodexManager settings. Generated from Setting.java: do not edit by hand.\n")
                .append("# Put this file next to the executable as codexmanager.env (or pass --env-file PATH).\n")
                .append("# Variables already set in the process environment win over this file.\n")
                .append("# Every line is commented out: the value shown is the default.\n");
        for (Setting.Group group : Setting.Group.values()) {
            out.append("\n# ===== ").append(group.title()).append(" =====\n");
            for (Setting s : Setting.values()) {
                if (s.group() != group) {
                    continue;
                }
                out.append("\n# ").append(s.description()).append('\n');
                String allowed = allowed(s);
                if (!allowed.equals("–")) {
                    out.append("# Allowed: ").append(allowed.replace("`", "")).append('\n');
                }
                out.append("# ").append(s.envName()).append('=').append(s.defaultValue()).append('\n');
            }
        }
        return out.toString();
    }

    static String allowed(Setting s) {
        return switch (s.type()) {
            case INTEGER -> s.hasBounds() ? s.min() + "–" + s.max() : "integer";
            case BOOLEAN -> "`true`/`false`";
            case FLAG -> "present = on";
            case CHOICE -> "`" + String.join("`, `", s.choices()) + "`";
            case URL -> "http(s) URL";
            case PROXY_URL -> "`http://`, `https://`, `socks5://`, `socks5h://`, `socks://` host:port";
            case ADDRESS -> "host:port";
            case PATH -> "path";
            case JDBC_URL -> "`jdbc:postgresql://` URL";
            case STRING, SECRET -> "text";
        };
    }

    /** Replaces the README section between the markers. */
    public static String withTable(String readme) {
        int start = readme.indexOf(README_START);
        int end = readme.indexOf(README_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README has no settings-table markers");
        }
        return readme.substring(0, start + README_START.length()) + "\n" + markdownTable() + "\n"
                + readme.substring(end);
    }

    /** Rewrites README.md and env-samples/codexmanager.env under the given project root. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path readme = root.resolve("README.md");
        Files.writeString(readme, withTable(Files.readString(readme, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        Files.writeString(root.resolve(ENV_SAMPLE), envSample(), StandardCharsets.UTF_8);
    }
}
