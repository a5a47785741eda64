package com.codexmanager.testkit;

import com.codexmanager.config.EnvFile;
import com.codexmanager.module.ServiceOptions;
import com.codexmanager.service.CodexManagerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the real service on a free loopback port with its own data dir, for integration tests. Extra environment
 * entries override the test defaults. Close it to stop the service.
 */
public final class ServiceHarness implements AutoCloseable {
    private final CodexManagerService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;

    private ServiceHarness(CodexManagerService service, Path dataDir) {
        this.service = service;
        this.dataDir = dataDir;
    }

    public static ServiceHarness start(Path dataDir) {
        return start(dataDir, Map.of(), Clock.systemUTC());
    }

    public static ServiceHarness start(Path dataDir, Map<String, String> extraEnv) {
        return start(dataDir, extraEnv, Clock.systemUTC());
    }

    public static ServiceHarness start(Path dataDir, Map<String, String> extraEnv, Clock clock) {
        return new ServiceHarness(CodexManagerService.start(ServiceOptions.forTest(testEnv(dataDir, extraEnv),
                clock)), dataDir);
    }

    /** As the launcher does: the test environment with {@code envFile}'s variables added where it does not set them. */
    public static ServiceHarness startWithEnvFile(Path dataDir, Map<String, String> extraEnv, Path envFile) {
        EnvFile.Loaded loaded = EnvFile.load(testEnv(dataDir, extraEnv), envFile, null);
        return new ServiceHarness(CodexManagerService.start(ServiceOptions.forTest(loaded.variables(),
                loaded.report(), Clock.systemUTC())), dataDir);
    }

    private static Map<String, String> testEnv(Path dataDir, Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CODEXMANAGER_DB_PATH", dataDir.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:0");
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        if (onPostgres()) {
            // a restart on the same data dir finds the same database again, as it would the same H2 file
            env.putAll(POSTGRES_BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath(), d -> postgresEnv()));
        }
        env.putAll(extraEnv);
        return env;
    }

    /**
     * Whether this test run puts every harnessed service on PostgreSQL ({@code -Dcodexmanager.test.db=postgresql},
     * the second pass of the build) instead of the embedded H2 file.
     */
    private static final Map<Path, Map<String, String>> POSTGRES_BY_DATA_DIR =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("codexmanager.test.db"));
    }

    /** The settings of a service on a fresh database of the test PostgreSQL server, with its own secret key. */
    public static Map<String, String> postgresEnv() {
        PostgresServer pg = PostgresServer.get();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Map.of("CODEXMANAGER_DB_URL", pg.newDatabase(), "CODEXMANAGER_DB_USER", pg.user(),
                "CODEXMANAGER_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(key));
    }

    public CodexManagerService service() {
        return service;
    }

    public String baseUrl() {
        return service.baseUrl();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String rpcToken() {
        return service.rpcToken().reveal();
    }

    /** An RPC client that sends the right token. */
    public RpcTestClient rpc() {
        return new RpcTestClient(http, URI.create(baseUrl() + "/rpc"), rpcToken());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    /** Reads every file under the data dir as text (for "no secret on disk" checks). */
    public String allFilesAsText() {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(dataDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.append(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public void close() {
        service.close();
    }
}
