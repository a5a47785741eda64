package com.codexmanager.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service as a separate process ({@code Main serve} on this test's classpath), so that tests can
 * {@code kill -9} it in the middle of work, send it SIGTERM, and start it again on the same port and data dir.
 * Its output goes to a log file under the data dir. Close it to kill whatever is still running.
 */
public final class ServiceProcess implements AutoCloseable {
    public static final String RPC_TOKEN = "process-test-rpc-token";

    private final Path dataDir;
    private int port;
    private final Map<String, String> env;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> launcher;
    private Process process;
    private int starts;

    private ServiceProcess(Path dataDir, int port, Map<String, String> env, List<String> launcher) {
        this.dataDir = dataDir;
        this.port = port;
        this.env = env;
        this.launcher = List.copyOf(launcher);
        this.log = dataDir.resolve("process.log");
    }

    /** Prepares a service on a free port with its own data dir; {@link #start()} launches it. */
    public static ServiceProcess prepare(Path dataDir, Map<String, String> extraEnv) {
        return prepare(dataDir, extraEnv, List.of(javaBinary(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "com.codexmanager.Main", "serve"));
    }

    /** The same, but the service is a built jar run by {@code java} (a benchmark compares two jars or JDKs). */
    public static ServiceProcess prepareJar(Path dataDir, Map<String, String> extraEnv, String java, Path jar) {
        return prepare(dataDir, extraEnv, List.of(java, "-jar", jar.toString(), "serve"));
    }

    /** The same, started by {@code command} (e.g. a packaged runtime with its own JVM options and main class). */
    public static ServiceProcess prepareCommand(Path dataDir, Map<String, String> extraEnv, List<String> command) {
        return prepare(dataDir, extraEnv, command);
    }

    private static ServiceProcess prepare(Path dataDir, Map<String, String> extraEnv, List<String> launcher) {
        Map<String, String> env = new LinkedHashMap<>();
        int port = freePort();
        env.put("CODEXMANAGER_DB_PATH", dataDir.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
        env.put("CODEXMANAGER_LOGIN_ADDR", "127.0.0.1:" + freePort());
        env.put("CODEXMANAGER_RPC_TOKEN", RPC_TOKEN);
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        env.putAll(extraEnv);
        return new ServiceProcess(dataDir, port, env, launcher);
    }

    /** Launches the process and waits until {@code /health} answers. */
    public ServiceProcess start() {
        launch();
        awaitHealthy(Duration.ofSeconds(30));
        return this;
    }

    /** Launches the process without waiting (to time how soon it binds). */
    public void launch() {
        ProcessBuilder builder = new ProcessBuilder(launcher).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("CODEXMANAGER_"));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(dataDir);
            Files.writeString(log, "---- start " + (++starts) + " ----\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves the next start to a fresh port (a benchmark restarting an old build that cannot rebind its port at
     * once after a crash).
     */
    public void moveToNewPort() {
        port = freePort();
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
    }

    /** Waits until {@code /health} answers 200; fails if the process exits first. */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("service exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(20);
        }
        throw new AssertionError("no /health answer within " + timeout.toSeconds() + " s:\n" + logText());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public RpcTestClient rpc() {
        return RpcTestClient.of(baseUrl(), RPC_TOKEN);
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9}: no shutdown hook, no flush, no close. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the shutdown hook runs. */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the process to end; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("service still running after " + timeout.toSeconds() + " s:\n" + logText());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the process (all its starts) printed. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
