package com.codexmanager.bench;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway measured from outside, as {@code scripts/bench-gateway.sh} runs it: the real service jar in its own
 * process, the fake upstream on loopback in this process. Reports (a) added time to first byte, (b) non-stream
 * requests per second, (c) 1,000 concurrent streams with the service's RSS and threads, (d) selection cost.
 */
public final class GatewayBench {
    private static final int ACCOUNTS = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8)).build();
    private final FakeUpstream fake;
    private final List<FakeAccount> accounts = new ArrayList<>();
    private String gateway;
    private String key;
    private Process service;

    private GatewayBench(FakeUpstream fake) {
        this.fake = fake;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/codexmanager.jar");
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .dripInterval(Duration.ofMillis(100)).build())) {
            GatewayBench bench = new GatewayBench(fake);
            try {
                bench.startService(jar);
                bench.run(streams);
            } finally {
                bench.stopService();
            }
        }
        SelectionBench.main(new String[] {"10000"});
        System.exit(0);
    }

    private void startService(Path jar) throws Exception {
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(fake.createAccount(AccountSpec.builder().incrementPercent(0).replyText("pong").build()));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("cm-bench");
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
        env.put("CODEXMANAGER_RPC_TOKEN", "bench-rpc-token");
        env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        env.put("CODEXMANAGER_ROUTE_STRATEGY", "balanced");
        env.put("CODEXMANAGER_LOG_LEVEL", "warn");
        service = builder.start();
        gateway = "http://127.0.0.1:" + port;
        awaitHealth();
        List<String> contents = new ArrayList<>();
        for (FakeAccount a : accounts) {
            contents.add(a.tokens().codexAuthJson(Instant.now()));
        }
        JsonObject params = new JsonObject();
        params.add("contents", JsonParser.parseString(new com.google.gson.Gson().toJson(contents)));
        rpc("account/import", params);
        JsonObject keyParams = new JsonObject();
        keyParams.addProperty("name", "bench");
        keyParams.addProperty("protocolType", "openai");
        key = rpc("apikey/create", keyParams).get("key").getAsString();
    }

    private void stopService() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private void run(int streams) throws Exception {
        for (int i = 0; i < 300; i++) {
            firstByteMillis(true);
            firstByteMillis(false);
        }
        double[] direct = new double[400];
        double[] viaGateway = new double[400];
        for (int i = 0; i < direct.length; i++) {
            direct[i] = firstByteMillis(false);
            viaGateway[i] = firstByteMillis(true);
        }
        Arrays.sort(direct);
        Arrays.sort(viaGateway);
        System.out.printf("(a) time to first byte: direct p50=%.2fms p99=%.2fms | gateway p50=%.2fms p99=%.2fms"
                + " | added p50=%.2fms p99=%.2fms%n", p(direct, 50), p(direct, 99), p(viaGateway, 50),
                p(viaGateway, 99), p(viaGateway, 50) - p(direct, 50), p(viaGateway, 99) - p(direct, 99));
        System.out.printf("(b) non-stream requests/s (8 clients, 5 s): direct=%.0f gateway=%.0f%n",
                throughput(false), throughput(true));
        concurrentStreams(streams);
    }

    private double firstByteMillis(boolean viaGateway) throws Exception {
        HttpRequest request = viaGateway ? gatewayRequest("ping", true) : directRequest();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var in = response.body()) {
            int b = in.read();
            double millis = (System.nanoTime() - start) / 1e6;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            if (b < 0 || response.statusCode() != 200) {
                throw new IllegalStateException("bad answer " + response.statusCode());
            }
            return millis;
        }
    }

    private double throughput(boolean viaGateway) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpRequest request = viaGateway ? gatewayRequest("ping", false) : directRequest();
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            done.increment();
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        return done.sum() / 5.0;
    }

    private void concurrentStreams(int count) throws Exception {
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] firstEvent = new long[count];
        AtomicLong peakRss = new AtomicLong();
        AtomicInteger peakThreads = new AtomicInteger();
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        var sampling = sampler.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long[] stats = processStats(service.pid());
                peakRss.accumulateAndGet(stats[0], Math::max);
                peakThreads.accumulateAndGet((int) stats[1], Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<Void>>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(http.sendAsync(gatewayRequest("[[scenario:slow_drip]] stream " + i, true),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new LineTimer(start, firstEvent, index)))
                    .whenComplete((r, e) -> {
                        if (e == null && r.statusCode() == 200) {
                            completed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            // counted per request above
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampling.cancel(true);
        sampler.shutdownNow();
        double[] firsts = Arrays.stream(firstEvent).filter(v -> v > 0).mapToDouble(v -> v / 1e6).sorted()
                .toArray();
        System.out.printf("(c) %d concurrent streams: completed=%d failed=%d in %.1f s; first event under load "
                + "p50=%.0fms p99=%.0fms; service peak RSS=%d MiB, peak threads=%d%n", count, completed.get(),
                failed.get(), seconds, p(firsts, 50), p(firsts, 99), peakRss.get() / 1024, peakThreads.get());
    }

    /** Records when the first {@code data:} line of one stream arrived. */
    private static final class LineTimer implements Flow.Subscriber<String> {
        private final long start;
        private final long[] firstEvent;
        private final int index;

        LineTimer(long start, long[] firstEvent, int index) {
            this.start = start;
            this.firstEvent = firstEvent;
            this.index = index;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (firstEvent[index] == 0 && line.startsWith("data:")) {
                firstEvent[index] = System.nanoTime() - start;
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** VmRSS in KiB and thread count of a process, from /proc. */
    private static long[] processStats(long pid) {
        try {
            long rss = 0;
            long threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new long[] {rss, threads};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    private HttpRequest gatewayRequest(String text, boolean stream) {
        String body = "{\"model\":\"gpt-5.5\",\"input\":" + com.google.gson.JsonParser.parseString("\"" + text + "\"")
                + ",\"stream\":" + stream + "}";
        return HttpRequest.newBuilder(URI.create(gateway + "/v1/responses")).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest directRequest() {
        FakeAccount a = accounts.get(0);
        String body = "{\"model\":\"gpt-5.5\",\"instructions\":\"\",\"input\":[{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"ping\"}]}],\"stream\":true,\"store\":false}";
        return HttpRequest.newBuilder(URI.create(fake.codexBaseUrl() + "/responses")).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + a.accessToken()).header("ChatGPT-Account-ID", a.accountId())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private JsonObject rpc(String method, JsonObject params) throws Exception {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", 1);
        request.addProperty("method", method);
        request.add("params", params);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/rpc"))
                .header("Content-Type", "application/json").header("X-CodexManager-Rpc-Token", "bench-rpc-token")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
        if (body.has("error")) {
            throw new IllegalStateException(method + ": " + body.get("error"));
        }
        return body.getAsJsonObject("result");
    }

    private void awaitHealth() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(gateway + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("service did not start");
    }

    private static double p(double[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
    }
}
