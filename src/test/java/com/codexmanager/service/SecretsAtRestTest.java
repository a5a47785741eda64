package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.Setting;
import com.codexmanager.store.AppSettingsRepository;
import com.codexmanager.store.Database;
import com.codexmanager.testkit.ServiceHarness;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret settings stored through {@code appSettings/set} (the upstream cookie, the proxy password) are encrypted
 * like account tokens, plain values from older versions are encrypted on the next start, and every file the
 * service writes is owner-only.
 */
class SecretsAtRestTest {
    private static final String COOKIE = "cf_clearance=cookie-secret-4711";
    private static final String PROXY_PASSWORD = "proxy-pass-0815";

    @TempDir
    Path dir;

    private Map<String, String> storedRows() {
        DataDir dataDir = new DataDir(dir, dir.resolve("codexmanager.mv.db"));
        try (Database database = Database.open(dataDir)) {
            return new AppSettingsRepository(database.sql()).all();
        }
    }

    @Test
    void a_cookie_and_a_proxy_password_set_over_rpc_never_reach_the_disk_in_plain_text() {
        // reads or writes the H2 file and the data dir's key file directly
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            harness.rpc().call("appSettings/set", Map.of("upstreamCookie", COOKIE,
                    "upstreamProxyUrl", "http://bob:" + PROXY_PASSWORD + "@127.0.0.1:3128"));

            assertThat(harness.service().appSettings().current().text(Setting.UPSTREAM_COOKIE)).isEqualTo(COOKIE);
            harness.close();
            assertThat(harness.allFilesAsText()).doesNotContain("cookie-secret-4711").doesNotContain(PROXY_PASSWORD);
        }
        assertThat(storedRows()).hasEntrySatisfying("UPSTREAM_COOKIE", v -> assertThat(v).startsWith("sealed:v1:"))
                .hasEntrySatisfying("UPSTREAM_PROXY_URL", v -> assertThat(v).startsWith("sealed:v1:"));

        try (ServiceHarness again = ServiceHarness.start(dir)) {
            assertThat(again.service().appSettings().current().text(Setting.UPSTREAM_COOKIE)).isEqualTo(COOKIE);
            assertThat(again.service().appSettings().current().upstreamProxy().orElseThrow().password())
                    .isEqualTo(PROXY_PASSWORD);
        }
    }

    @Test
    void plain_values_stored_by_an_older_version_are_encrypted_on_start_and_still_apply() throws IOException {
        // reads or writes the H2 file and the data dir's key file directly
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        ServiceHarness.start(dir).close();
        DataDir dataDir = new DataDir(dir, dir.resolve("codexmanager.mv.db"));
        try (Database database = Database.open(dataDir)) {
            new AppSettingsRepository(database.sql()).putAll(Map.of("UPSTREAM_COOKIE", COOKIE,
                    "ROUTE_STRATEGY", "balanced"), Instant.now());
        }

        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            assertThat(harness.service().appSettings().current().text(Setting.UPSTREAM_COOKIE)).isEqualTo(COOKIE);
            assertThat(harness.service().appSettings().current().text(Setting.ROUTE_STRATEGY)).isEqualTo("balanced");
        }

        assertThat(storedRows()).hasEntrySatisfying("UPSTREAM_COOKIE", v -> assertThat(v).startsWith("sealed:"))
                .containsEntry("ROUTE_STRATEGY", "balanced");
        assertThat(Files.readString(dir.resolve("logs").resolve("codexmanager.log"), java.nio.charset.StandardCharsets
                .UTF_8)).contains("Encrypted stored settings that were kept in plain text: upstreamCookie")
                .doesNotContain("cookie-secret-4711");
    }

    @Test
    void a_sealed_value_that_no_longer_opens_is_ignored_with_a_warning() throws IOException {
        // reads or writes the H2 file and the data dir's key file directly
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            harness.rpc().call("appSettings/set", Map.of("upstreamCookie", COOKIE));
        }
        Files.delete(dir.resolve("codexmanager.key"));

        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            assertThat(harness.service().appSettings().current().isSet(Setting.UPSTREAM_COOKIE)).isFalse();
        }
        assertThat(Files.readString(dir.resolve("logs").resolve("codexmanager.log"), java.nio.charset.StandardCharsets
                .UTF_8)).contains("Stored setting upstreamCookie cannot be decrypted");
    }

    @Test
    void every_file_in_the_data_dir_is_owner_only() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            harness.rpc().call("appSettings/set", Map.of("routeStrategy", "balanced"));
            harness.service().module(com.codexmanager.observability.ObservabilityModule.class).orElseThrow().trace()
                    .event("trc_1", com.codexmanager.observability.TraceEvent.REQUEST_FINAL, Map.of("status", 200));
        }

        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.toList()) {
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                        .as(dir.relativize(path).toString()).isEqualTo(expected);
            }
        }
        assertThat(dir.resolve("gateway-trace.log")).exists();
        assertThat(dir.resolve("logs").resolve("codexmanager.log")).exists();
    }
}
