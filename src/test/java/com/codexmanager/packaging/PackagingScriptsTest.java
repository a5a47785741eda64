package com.codexmanager.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaging scripts a person and the workflows run: they parse, are executable, the version bump knows every
 * place the version is written, and the icon tool writes containers Windows and macOS accept.
 */
class PackagingScriptsTest {
    private static final Path SCRIPTS = Path.of("scripts");

    static Stream<Path> shellScripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.filter(f -> f.toString().endsWith(".sh")).sorted().toList().stream();
        }
    }

    @Test
    void the_documented_scripts_exist() {
        for (String name : List.of("rebuild-linux.sh", "rebuild-macos.sh", "rebuild.ps1", "bump-version.sh",
                "bump-version.ps1", "test-deb.sh", "publish-release.sh", "lib/common.sh")) {
            assertThat(SCRIPTS.resolve(name)).isRegularFile();
        }
    }

    @ParameterizedTest
    @MethodSource("shellScripts")
    void shell_scripts_are_executable_and_parse(Path script) throws Exception {
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        assertThat(Files.readString(script, StandardCharsets.UTF_8)).startsWith("#!/usr/bin/env bash\n");

        Result result = run(List.of("bash", "-n", script.toString()));

        assertThat(result.exitCode()).as("bash -n %s: %s", script, result.output()).isZero();
    }

    @Test
    void bump_version_dry_run_shows_every_place_and_changes_nothing() throws Exception {
        String pomBefore = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);

        Result result = run(List.of("scripts/bump-version.sh", "--dry-run", "9.8.7"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        for (Place place : places()) {
            assertThat(result.output()).contains(place.file() + ": '" + place.prefix());
        }
        assertThat(result.output()).contains("-> '  <version>9.8.7</version>'").contains("macOS bundle version 9.8.7");
        assertThat(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8)).isEqualTo(pomBefore);
    }

    @Test
    void bump_version_refuses_a_version_an_msi_cannot_carry() throws Exception {
        Result result = run(List.of("scripts/bump-version.sh", "--dry-run", "256.0.0"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("255.255.65535");
    }

    @Test
    void every_place_listed_holds_the_current_version() throws IOException {
        String version = currentVersion();

        for (Place place : places()) {
            assertThat(Files.readAllLines(Path.of(place.file()), StandardCharsets.UTF_8))
                    .as("%s holds %s", place.file(), version).contains(place.prefix() + version + place.suffix());
        }
    }

    /** A new file that writes the version (installer metadata, a manifest…) must be listed for the bump scripts. */
    @Test
    void no_build_or_installer_file_writes_the_version_outside_the_listed_places() throws IOException {
        String version = currentVersion();
        List<String> listed = places().stream().map(p -> p.file() + ":" + p.prefix() + version + p.suffix()).toList();
        List<String> found = new ArrayList<>();
        // Scripts are left out: they read the version from pom.xml, and their usage texts carry examples.
        for (Path root : List.of(Path.of("pom.xml"), Path.of("installer"), Path.of(".github"),
                Path.of("env-samples"), Path.of("src", "main", "resources"), Path.of("README.md"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".png"))
                        .toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (line.contains(version)) {
                            found.add(file.toString().replace('\\', '/') + ":" + line);
                        }
                    }
                }
            }
        }

        assertThat(listed).containsAll(found);
    }

    @Test
    void icon_bundle_writes_an_ico_and_an_icns_that_embed_the_pngs(@TempDir Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Result result = run(List.of(java, "installer/IconBundle.java", "installer/icons", out.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(out.resolve("codexmanager.ico")))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ico.getShort(0)).isZero();
        assertThat(ico.getShort(2)).as("ICO type").isEqualTo((short) 1);
        assertThat(ico.getShort(4)).as("ICO images: 16 to 256 px").isEqualTo((short) 7);
        int firstImage = ico.getInt(6 + 12);
        assertThat(new String(Files.readAllBytes(out.resolve("codexmanager.ico")), firstImage + 1, 3,
                StandardCharsets.US_ASCII)).isEqualTo("PNG");
        byte[] icns = Files.readAllBytes(out.resolve("codexmanager.icns"));
        assertThat(new String(icns, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(ByteBuffer.wrap(icns).getInt(4)).as("ICNS length field").isEqualTo(icns.length);
        assertThat(out.resolve("codexmanager.png")).hasSameBinaryContentAs(Path.of("installer/icons/codexmanager-256.png"));
    }

    private record Place(String file, String prefix, String suffix) {
    }

    private record Result(int exitCode, String output) {
    }

    private static List<Place> places() throws IOException {
        List<Place> places = new ArrayList<>();
        for (String line : Files.readAllLines(SCRIPTS.resolve("version-places.txt"), StandardCharsets.UTF_8)) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                String[] parts = line.split("\t", -1);
                assertThat(parts).as("FILE<TAB>PREFIX<TAB>SUFFIX: %s", line).hasSize(3);
                places.add(new Place(parts[0], parts[1], parts[2]));
            }
        }
        assertThat(places).isNotEmpty();
        return places;
    }

    private static String currentVersion() throws IOException {
        return Files.readAllLines(Path.of("pom.xml"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("  <version>") && l.endsWith("</version>")).findFirst()
                .map(l -> l.substring("  <version>".length(), l.length() - "</version>".length()))
                .orElseThrow();
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(process.exitValue(), output);
    }
}
