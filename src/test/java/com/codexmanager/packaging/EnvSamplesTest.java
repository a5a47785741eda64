package com.codexmanager.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.EnvFile;
import com.codexmanager.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples in env-samples/ (shipped in every package) only name settings that exist. */
class EnvSamplesTest {
    private static final Path SAMPLES = Path.of("env-samples");
    private static final Pattern VARIABLE = Pattern.compile("CODEXMANAGER_[A-Z0-9_]+");
    private static final Set<String> KNOWN =
            Arrays.stream(Setting.values()).map(Setting::envName).collect(Collectors.toUnmodifiableSet());

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".env")).sorted().toList().stream();
        }
    }

    @Test
    void the_short_samples_exist_next_to_the_generated_one() throws IOException {
        assertThat(samples().map(p -> p.getFileName().toString()))
                .contains("codexmanager.env", "team-server.env", "custom-upstream.env", "team-postgres.env");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void every_variable_named_in_a_sample_is_a_setting(Path sample) throws IOException {
        String text = Files.readString(sample, StandardCharsets.UTF_8);
        Matcher m = VARIABLE.matcher(text);
        List<String> named = m.results().map(r -> r.group()).toList();

        assertThat(named).as("%s names settings", sample).isNotEmpty();
        assertThat(named).as("%s names only settings of the Setting table", sample).allMatch(KNOWN::contains);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void every_sample_parses_and_sets_only_settings(Path sample) throws IOException {
        var values = EnvFile.parse(Files.readString(sample, StandardCharsets.UTF_8));

        assertThat(values.keySet()).as("%s sets only settings", sample).allMatch(KNOWN::contains);
    }

    @Test
    void the_team_server_sample_listens_on_all_interfaces_with_a_fixed_rpc_token() throws IOException {
        var values = EnvFile.parse(Files.readString(SAMPLES.resolve("team-server.env"), StandardCharsets.UTF_8));

        assertThat(values).containsEntry("CODEXMANAGER_SERVICE_ADDR", "0.0.0.0:48760")
                .containsKey("CODEXMANAGER_RPC_TOKEN");
    }

    @Test
    void the_team_postgres_sample_selects_postgresql_with_a_shared_key_file_and_names_its_instance()
            throws IOException {
        var values = EnvFile.parse(Files.readString(SAMPLES.resolve("team-postgres.env"), StandardCharsets.UTF_8));

        assertThat(values.get("CODEXMANAGER_DB_URL")).startsWith("jdbc:postgresql://");
        assertThat(values).containsKeys("CODEXMANAGER_DB_USER", "CODEXMANAGER_DB_PASSWORD",
                "CODEXMANAGER_SECRET_KEY_FILE", "CODEXMANAGER_INSTANCE_NAME", "CODEXMANAGER_RPC_TOKEN")
                .doesNotContainKey("CODEXMANAGER_SECRET_KEY");
    }
}
