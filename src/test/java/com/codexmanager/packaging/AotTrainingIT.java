package com.codexmanager.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package build's AOT training ({@link AotTraining}) on a folder shaped like the app image, with a JDK 25+ as its
 * runtime: the training drives the whole request mix without failing, and the runtime then maps the cache it wrote
 * for the serve launcher's main class. Skipped without a JDK 25+ on the machine (the packaging needs one too).
 */
class AotTrainingIT {
    @TempDir
    Path dir;

    @Test
    void the_trained_cache_is_used_by_the_runtime_that_made_it() throws Exception {
        Optional<Path> jdk = jdk25OrNewer();
        assumeTrue(jdk.isPresent(), "no JDK 25+ here (PACKAGE_JDK, JAVA_HOME, /usr/lib/jvm)");
        Path image = dir.resolve("image");
        Files.createDirectories(image.resolve("lib/app"));
        Files.createSymbolicLink(image.resolve("lib/runtime"), jdk.get());
        Path jar = image.resolve("lib/app/codexmanager.jar");
        Files.copy(Path.of(System.getProperty("codexmanager.jar")), jar);
        Path epochFile = dir.resolve("aot.properties");

        Path trainingLog = dir.resolve("training.log");
        Process training = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AotTraining.class.getName(), image.toString(),
                epochFile.toString(), "serve").redirectErrorStream(true).redirectOutput(trainingLog.toFile())
                .start();
        assertThat(training.waitFor(5, TimeUnit.MINUTES)).as("training finished").isTrue();
        assertThat(training.exitValue()).as(Files.readString(trainingLog)).isZero();
        assertThat(Files.readString(trainingLog)).contains("aot training: serve, 26000 gateway requests");
        Properties epoch = new Properties();
        try (InputStream in = Files.newInputStream(epochFile)) {
            epoch.load(in);
        }
        assertThat(Files.getLastModifiedTime(jar).toMillis())
                .isEqualTo(Long.parseLong(epoch.getProperty("cm.aotEpoch")) * 1000);

        String serviceLog = serveWithCache(image);
        assertThat(serviceLog).contains("Opened AOT cache").contains("Using AOT-linked classes: true")
                .doesNotContain("[error").doesNotContain("has changed");
    }

    /** Starts the service as the serve launcher does, with the cache, until {@code /health} answers; its output. */
    private String serveWithCache(Path image) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        List<String> command = new ArrayList<>(List.of(image.resolve("lib/runtime/bin/java").toString(),
                "-XX:AOTCache=" + image.resolve("lib/app/serve.aot"), "-Xlog:aot=info", "-Xlog:cds=info", "-cp",
                image.resolve("lib/app/codexmanager.jar").toString(), "com.codexmanager.ServeMain"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CODEXMANAGER_"));
        builder.environment().put("CODEXMANAGER_DB_PATH", dir.resolve("data/codexmanager.mv.db").toString());
        builder.environment().put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
        builder.environment().put("CODEXMANAGER_LOGIN_ADDR", "127.0.0.1:0");
        Process service = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("no /health answer: " + Files.readString(log)).isLessThan(deadline);
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        return Files.readString(log);
    }

    /** The newest JDK 25+ in the places the packaging scripts look. */
    private static Optional<Path> jdk25OrNewer() throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String variable : List.of("PACKAGE_JDK", "JAVA_HOME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                candidates.add(Path.of(value));
            }
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.forEach(candidates::add);
            }
        }
        return candidates.stream().filter(p -> Files.isExecutable(p.resolve("bin/java")))
                .filter(p -> feature(p) >= 25).max(Comparator.comparingInt(AotTrainingIT::feature))
                .map(AotTrainingIT::realPath);
    }

    private static int feature(Path jdk) {
        Path release = jdk.resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return 0;
        }
        return 0;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
