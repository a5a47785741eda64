package com.codexmanager.bench;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PromText;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak run behind {@code scripts/soak.sh}: the service jar in its own process, the fake upstream in this one,
 * N requests at concurrency C with a fault schedule (one request in ten meets a fault: 429, 500, a stream cut
 * mid-way, {@code response.failed server_error}, a slow first byte), then the service's RSS before, after and
 * after an idle minute, the database file per request, the in-flight gauge and the status counts.
 */
public final class SoakBench {
    private static final int ACCOUNTS = 8;
    /** One request in ten carries a fault; the rest are plain text answers, streamed or not. */
    private static final String[] FAULTS = {"rate_limited", "internal_server_error", "drop_mid_stream",
            "failed_server_error", "slow_first_byte"};

    private final FakeUpstream fake;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8)).build();
    private final Path data;
    private String gateway;
    private String key;
    private Process service;

    private SoakBench(FakeUpstream fake, Path data) {
        this.fake = fake;
        this.data = data;
    }

    /** Arguments: the jar, the request count, the concurrency, the idle seconds. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int requests = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int idleSeconds = Integer.parseInt(args[3]);
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .stallDuration(Duration.ofMillis(300)).build())) {
            SoakBench bench = new SoakBench(fake, Files.createTempDirectory("cm-soak"));
            try {
                bench.startService(jar);
                bench.run(requests, concurrency, idleSeconds);
            } finally {
                bench.stopService();
            }
        }
        System.exit(0);
    }

    private void startService(Path jar) throws Exception {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            FakeAccount a = fake.createAccount(AccountSpec.builder().incrementPercent(0).replyText("pong").build());
            contents.add(a.tokens().codexAuthJson(Instant.now()));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        String serviceJava = System.getenv("SERVICE_JAVA");
        command.add(serviceJava != null && !serviceJava.isBlank() ? serviceJava
                : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String serviceOpts = System.getenv("SERVICE_JAVA_OPTS");
        if (serviceOpts != null && !serviceOpts.isBlank()) {
            command.addAll(List.of(serviceOpts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("CODEXMANAGER_"));
        env.put("CODEXMANAGER_DB_PATH", data.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
        env.put("CODEXMANAGER_LOGIN_ADDR", "127.0.0.1:0");
        env.put("CODEXMANAGER_RPC_TOKEN", "soak-rpc-token");
        env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        env.put("CODEXMANAGER_ROUTE_STRATEGY", "balanced");
        env.put("CODEXMANAGER_LOG_LEVEL", "warn");
        service = builder.start();
        gateway = "http://127.0.0.1:" + port;
        awaitHealth();
        JsonObject params = new JsonObject();
        params.add("contents", JsonParser.parseString(new com.google.gson.Gson().toJson(contents)));
        rpc("account/import", params);
        JsonObject keyParams = new JsonObject();
        keyParams.addProperty("name", "soak");
        keyParams.addProperty("protocolType", "openai");
        key = rpc("apikey/create", keyParams).get("key").getAsString();
    }

    private void run(int requests, int concurrency, int idleSeconds) throws Exception {
        warmUp();
        long rssBefore = rssKib();
        long dbBefore = dbBytes();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        LongAdder transportErrors = new LongAdder();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            clients.execute(() -> {
                int n;
                while ((n = next.getAndIncrement()) < requests) {
                    try {
                        statuses.computeIfAbsent(send(n), s -> new LongAdder()).increment();
                    } catch (IOException e) {
                        transportErrors.increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        long rssAfter = rssKib();
        long dbAfter = dbBytes();
        PromText metrics = PromText.parse(get("/metrics"));
        long rows = (long) metrics.sum("codexmanager_requests_total");
        TimeUnit.SECONDS.sleep(idleSeconds);
        long rssIdle = rssKib();
        long dbIdle = dbBytes();

        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((s, n) -> byStatus.put(s, n.sum()));
        System.out.printf("soak: %d requests at concurrency %d in %.1f s (%.0f req/s)%n", requests, concurrency,
                seconds, requests / seconds);
        System.out.printf("soak: statuses %s, transport errors %d%n", byStatus, transportErrors.sum());
        System.out.printf("soak: in-flight gauge after the run %.0f; requests_total %.0f%n",
                metrics.value("codexmanager_requests_in_flight"), metrics.sum("codexmanager_requests_total"));
        System.out.printf("soak: RSS before %d MiB, after %d MiB, after %d s idle %d MiB%n", rssBefore / 1024,
                rssAfter / 1024, idleSeconds, rssIdle / 1024);
        System.out.printf("soak: database %.1f MiB before, %.1f MiB after, %.1f MiB after idle; %d request-log rows; "
                + "%.0f bytes per request while running, %.0f after idle (%.2f GB per million)%n",
                dbBefore / 1048576.0, dbAfter / 1048576.0, dbIdle / 1048576.0, rows,
                (dbAfter - dbBefore) / (double) requests, (dbIdle - dbBefore) / (double) requests,
                (dbIdle - dbBefore) / (double) requests * 1_000_000 / 1e9);
    }

    private int send(int n) throws IOException, InterruptedException {
        boolean stream = n % 3 != 0;
        String prompt = n % 10 == 7 ? "[[scenario:" + FAULTS[(n / 10) % FAULTS.length] + "]] soak " + n
                : "soak " + n;
        String body = "{\"model\":\"gpt-5.5\",\"stream\":" + stream + ",\"input\":\"" + prompt + "\","
                + "\"prompt_cache_key\":\"soak-" + (n % 50) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/v1/responses"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void warmUp() throws Exception {
        for (int i = 0; i < 200; i++) {
            send(i * 10 + 1);
        }
    }

    private long dbBytes() throws IOException {
        long total = 0;
        try (var files = Files.list(data)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("codexmanager.mv")).toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }

    private long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonObject rpc(String method, JsonObject params) throws Exception {
        JsonObject call = new JsonObject();
        call.addProperty("jsonrpc", "2.0");
        call.addProperty("id", 1);
        call.addProperty("method", method);
        call.add("params", params);
        String reply = http.send(HttpRequest.newBuilder(URI.create(gateway + "/rpc"))
                .header("Content-Type", "application/json").header("X-CodexManager-Rpc-Token", "soak-rpc-token")
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonObject parsed = JsonParser.parseString(reply).getAsJsonObject();
        if (!parsed.has("result")) {
            throw new IllegalStateException(method + ": " + reply);
        }
        return parsed.getAsJsonObject("result");
    }

    private void awaitHealth() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(gateway + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the service did not answer /health; see " + data.resolve("service.log"));
    }

    private void stopService() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
