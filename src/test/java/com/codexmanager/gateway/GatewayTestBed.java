package com.codexmanager.gateway;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.EnvFileReport;
import com.codexmanager.config.HostPort;
import com.codexmanager.crypto.MasterKey;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.gateway.port.UsageObserver;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceOptions;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.server.HttpServer;
import com.codexmanager.server.HttpServerOptions;
import com.codexmanager.settings.AppSettingsService;
import com.codexmanager.store.AppSettingsRepository;
import com.codexmanager.store.Database;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway module on a real HTTP server on a free port, in front of the fake upstream, with hand-written pool,
 * key and recorder ports. Close it after the test.
 */
final class GatewayTestBed implements AutoCloseable {
    private static final AtomicInteger DB_IDS = new AtomicInteger();

    final FakeUpstream fake;
    final TestAccountPool pool;
    final TestKeys keys = new TestKeys();
    final CollectingRecorder recorder = new CollectingRecorder();
    final Map<String, Map<String, String>> rateLimits = new ConcurrentHashMap<>();
    final GatewayModule module;
    final ServiceContext context;
    private final Database database;
    private final HttpServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayTestBed(Map<String, String> extraEnv) {
        this(FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build()), extraEnv);
    }

    GatewayTestBed(FakeUpstream fake, Map<String, String> extraEnv) {
        this(fake, extraEnv, Clock.systemUTC());
    }

    /** @param clock the service clock (limits measured in it, such as a WebSocket's lifetime) */
    GatewayTestBed(FakeUpstream fake, Map<String, String> extraEnv, Clock clock) {
        this.fake = fake;
        this.pool = new TestAccountPool(fake.issuer());
        Map<String, String> env = new HashMap<>();
        env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_SSE_KEEPALIVE_INTERVAL_MS", "200");
        env.putAll(extraEnv);
        this.database = Database.inMemory("gw" + DB_IDS.incrementAndGet());
        AppSettingsService settings = new AppSettingsService(env, EnvFileReport.NONE,
                new AppSettingsRepository(database.sql()), new SecretBox(MasterKey.of(new byte[32]),
                new SecureRandom()), clock);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.context = new ServiceContext(settings, new DataDir(tmp, tmp.resolve("unused.mv.db")), database,
                new com.codexmanager.crypto.SecretBox(com.codexmanager.crypto.MasterKey.of(key), random),
                new RpcRegistry(), clock, random, ServiceOptions.forTest(env, clock), null,
                com.codexmanager.rpc.RpcToken.of("test-rpc-token"), "test",
                new com.codexmanager.store.ChangeFeed(database.sql(), false),
                new com.codexmanager.store.JobLeases(database.sql(), "test", false));
        UsageObserver usage = rateLimits::put;
        this.module = new GatewayModule(context, pool, keys, recorder, usage);
        this.server = new HttpServer(new HttpServerOptions(new HostPort("127.0.0.1", 0), 8, 200, 1024,
                16 * 1024 * 1024, Duration.ofSeconds(2)), module.routes());
        server.start();
        module.start();
    }

    int port() {
        return server.port();
    }

    /** Calls one of the gateway's RPC methods ({@code gateway/*}) as the service's RPC endpoint would. */
    Object rpc(String method, Map<String, Object> params) {
        com.google.gson.JsonObject json = com.codexmanager.json.Json.GSON.toJsonTree(params).getAsJsonObject();
        return new com.codexmanager.rpc.RpcDispatcher(context.rpc()).call(method, json);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> post(String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, TestKeys.KEY);
    }

    @Override
    public void close() {
        server.stop();
        module.close();
        database.close();
        fake.close();
    }

    static URI uri(String base, String path) {
        return URI.create(base + path);
    }
}
