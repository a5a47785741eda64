package com.codexmanager.packaging;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceProcess;
import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Makes the AOT caches of the Linux app image's launchers (JDK 25+, {@code -XX:AOTCache}): the image's own runtime
 * runs the launcher's main class with {@code -XX:AOTCacheOutput} in front of the fake upstream, this class drives the
 * gateway and the RPC calls the desktop makes (and, for the desktop, opens each page of its window), then ends the
 * process with SIGTERM, at which the JVM writes the cache. Run by the {@code package} profile after jpackage has
 * built the image.
 *
 * <p>The JVM refuses a cache when a file it was made from has another modification time. Every file of the image is
 * therefore first set to one time, whole seconds, and that time is written to {@code EPOCH_FILE}: the .deb is built
 * with it as {@code SOURCE_DATE_EPOCH}, so dpkg-deb gives the installed files the same time.
 *
 * <p>Arguments: the app image folder (the one holding {@code bin/} and {@code lib/}), the file to write the epoch to,
 * then the launchers to train, {@code serve} and/or {@code desktop} (which needs a display); each cache is
 * {@code lib/app/LAUNCHER.aot}.
 */
public final class AotTraining {
    private static final int ACCOUNTS = 4;
    private static final int CONCURRENCY = 16;
    private static final int MIX_REQUESTS = 6_000;
    private static final int BURST_CONCURRENCY = 32;
    private static final int BURST_REQUESTS = 20_000;
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(150);
    private static final Duration PAGE_PAUSE = Duration.ofMillis(1500);
    /** Read-only calls the desktop's windows make; each runs a few times so their classes are in the cache. */
    private static final List<String> DESKTOP_READS = List.of("account/list", "account/usage/list",
            "account/usage/aggregate", "account/usage/forecast", "apikey/list", "apikey/usage", "apikey/models",
            "requestlog/list", "requestlog/summary", "appSettings/get", "gateway/manualAccount/get", "rpc/methods");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(BURST_CONCURRENCY)).build();
    private final FakeUpstream fake;
    private final Path work;
    private String gateway;
    private String openaiKey;
    private String anthropicKey;
    private ServiceProcess service;

    private AotTraining(FakeUpstream fake, Path work) {
        this.fake = fake;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: AotTraining IMAGE_DIR EPOCH_FILE serve|desktop...");
        }
        Path image = Path.of(args[0]).toAbsolutePath();
        List<Launcher> launchers = Stream.of(args).skip(2).map(Launcher::named).toList();
        long epoch = settleModificationTimes(image);
        Files.writeString(Path.of(args[1]), "cm.aotEpoch=" + epoch + System.lineSeparator());
        for (Launcher launcher : launchers) {
            Path cache = launcher.cache(image);
            Files.deleteIfExists(cache);
            try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build())) {
                new AotTraining(fake, Files.createTempDirectory("cm-aot-training")).run(image, launcher);
            } catch (Exception | AssertionError e) {
                Files.deleteIfExists(cache);
                Files.deleteIfExists(Path.of(cache + ".config"));
                e.printStackTrace();
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /** The image's launchers: each has its own cache, made by its own main class. */
    enum Launcher {
        SERVE("com.codexmanager.ServeMain", "codexmanager-serve.cfg"),
        /** The desktop with its embedded service; needs a display (the build runs it under xvfb-run). */
        DESKTOP("com.codexmanager.Main", "codexmanager.cfg");

        final String mainClass;
        final String cfgName;

        Launcher(String mainClass, String cfgName) {
            this.mainClass = mainClass;
            this.cfgName = cfgName;
        }

        static Launcher named(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        Path cache(Path image) {
            return image.resolve("lib/app").resolve(name().toLowerCase(Locale.ROOT) + ".aot");
        }
    }

    private void run(Path image, Launcher launcher) throws Exception {
        long started = System.nanoTime();
        Path cache = launcher.cache(image);
        startService(image, cache, launcher);
        int requests;
        try {
            setUp();
            requests = drive();
            if (launcher == Launcher.DESKTOP) {
                showEveryPage();
            }
        } catch (Exception | AssertionError e) {
            service.close();
            throw new IllegalStateException("AOT training failed; the service's log: " + service.logText(), e);
        }
        service.sigterm();
        service.awaitExit(Duration.ofMinutes(3));
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the service wrote no AOT cache at " + cache + "; its log: "
                    + service.logText());
        }
        // the cache must carry the image's time too: a later copy keeps it, and the .deb clamps every file to it
        Files.setLastModifiedTime(cache, Files.getLastModifiedTime(image.resolve("lib/app/codexmanager.jar")));
        System.out.printf("aot training: %s, %d gateway requests, cache %s (%d MB) in %.0f s%n",
                launcher.name().toLowerCase(Locale.ROOT), requests,
                cache.getFileName(), Files.size(cache) >> 20, (System.nanoTime() - started) / 1e9);
    }

    /** Sets every file and folder of the image to one time (now, whole seconds) and returns it. */
    private static long settleModificationTimes(Path image) throws IOException {
        long epoch = Instant.now().getEpochSecond() - 1;
        FileTime time = FileTime.from(Instant.ofEpochSecond(epoch));
        try (Stream<Path> files = Files.walk(image)) {
            for (Path p : files.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, time);
                }
            }
        }
        return epoch;
    }

    private void startService(Path image, Path cache, Launcher launcher) throws IOException {
        if (launcher == Launcher.DESKTOP && System.getenv().getOrDefault("DISPLAY", "").isBlank()) {
            throw new IllegalStateException("the desktop launcher's training needs a display: run it under xvfb-run");
        }
        List<String> command = new ArrayList<>(List.of(image.resolve("lib/runtime/bin/java").toString()));
        command.addAll(launcherJvmOptions(image, launcher));
        command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Xlog:aot=error", "-Xlog:cds=error", "-cp",
                image.resolve("lib/app/codexmanager.jar").toString(), launcher.mainClass));
        service = ServiceProcess.prepareCommand(work.resolve("data"), Map.of("HOME", work.toString(),
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()), command).start();
        gateway = service.baseUrl();
    }

    /**
     * The JVM options of the launcher's {@code .cfg}, so that the cache is trained on the JVM that will map it (a
     * collector or object-header option there changes what the cache holds, and a mismatch makes the JVM refuse it);
     * the options about class-data archives and caches are left out, since training makes one. None without a
     * {@code .cfg}.
     */
    static List<String> launcherJvmOptions(Path image, Launcher launcher) throws IOException {
        Path cfg = image.resolve("lib/app").resolve(launcher.cfgName);
        List<String> options = new ArrayList<>();
        if (!Files.isRegularFile(cfg)) {
            return options;
        }
        for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
            if (!line.startsWith("java-options=")) {
                continue;
            }
            String option = line.substring("java-options=".length()).trim();
            boolean archive = option.startsWith("-XX:AOTCache") || option.startsWith("-Xlog:aot")
                    || option.startsWith("-Xlog:cds") || option.startsWith("-XX:SharedArchiveFile")
                    || option.startsWith("-XX:+AutoCreateSharedArchive") || option.contains("$");
            if (!option.isEmpty() && !archive) {
                options.add(option);
            }
        }
        return options;
    }

    private void setUp() throws Exception {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            FakeAccount account = fake.createAccount(AccountSpec.builder().incrementPercent(0)
                    .replyText("The quick brown fox jumps over the lazy dog, again and again.").build());
            contents.add(account.tokens().codexAuthJson(Instant.now()));
        }
        service.rpc().call("account/import", Map.of("contents", contents));
        openaiKey = createKey("training-openai", "openai");
        anthropicKey = createKey("training-anthropic", "anthropic");
        service.rpc().call("account/usage/refresh");
        requireZstdBodies();
    }

    /** The package's jar keeps zstd-jni's native library for its own platform only: it must still decode zstd. */
    private void requireZstdBodies() throws IOException, InterruptedException {
        byte[] body = Zstd.compress(responses(0, false, "zstd").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/responses"))
                .header("Authorization", "Bearer " + openaiKey).header("Content-Type", "application/json")
                .header("Content-Encoding", "zstd").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("a zstd request body got " + reply.statusCode() + ": " + reply.body());
        }
    }

    private String createKey(String name, String protocol) {
        return service.rpc().call("apikey/create", Map.of("name", name, "protocolType", protocol)).get("key")
                .getAsString();
    }

    /**
     * The request mix at {@link #CONCURRENCY} clients, then a burst of plain requests at {@link #BURST_CONCURRENCY}
     * (what SDK scripts send), then the desktop's reads; returns how many gateway requests were sent.
     */
    private int drive() throws Exception {
        long deadline = System.nanoTime() + LOAD_LIMIT.toNanos();
        int sent = load(MIX_REQUESTS, CONCURRENCY, deadline, this::send);
        sent += load(BURST_REQUESTS, BURST_CONCURRENCY, deadline,
                n -> post("/v1/responses", openaiKey, false, responses(n, false, "burst")));
        for (int round = 0; round < 3; round++) {
            for (String method : DESKTOP_READS) {
                rpcAnyOutcome(method);
            }
        }
        get("/metrics");
        return sent;
    }

    /**
     * Opens each page of the desktop window twice, as a user looking around does, so that their classes (and the RPC
     * reads each page makes) are in the cache. The pages build in the background: a pause lets each one finish.
     */
    private void showEveryPage() throws Exception {
        for (int round = 0; round < 2; round++) {
            for (String page : List.of("dashboard", "accounts", "keys", "logs", "settings")) {
                service.rpc().call("desktop/show", Map.of("page", page));
                TimeUnit.MILLISECONDS.sleep(PAGE_PAUSE.toMillis());
            }
        }
    }

    private interface Sender {
        int send(int n) throws IOException, InterruptedException;
    }

    /** Sends {@code requests} requests from {@code concurrency} clients; fails when more than one in ten fail. */
    private int load(int requests, int concurrency, long deadline, Sender sender) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        LongAdder failures = new LongAdder();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            clients.execute(() -> {
                int n;
                while ((n = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                    try {
                        int status = sender.send(n);
                        if (status >= 500 && status != 502 && status != 503) {
                            failures.increment();
                        }
                    } catch (IOException e) {
                        failures.increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(Math.max(0, deadline - System.nanoTime()) + TimeUnit.MINUTES.toNanos(1),
                TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("the training requests did not finish");
        }
        int sent = Math.min(next.get(), requests);
        if (failures.sum() > sent / 10) {
            throw new IllegalStateException(failures.sum() + " of " + sent + " training requests failed");
        }
        return sent;
    }

    /**
     * One request of the mix: mostly Responses streams (what Codex sends), then Responses without a stream, Chat
     * Completions and Anthropic Messages with and without a stream, the model list, and now and then an upstream
     * fault so that failover and cooldown are trained too.
     */
    private int send(int n) throws IOException, InterruptedException {
        String conversation = "training-" + (n % 40);
        switch (n % 20) {
            case 0:
            case 1:
            case 2:
                return post("/v1/responses", openaiKey, false, responses(n, false, conversation));
            case 3:
                return post("/v1/chat/completions", openaiKey, false, chat(n, true));
            case 4:
                return post("/v1/chat/completions", openaiKey, false, chat(n, false));
            case 5:
                return post("/v1/messages", anthropicKey, true, messages(n, true));
            case 6:
                return post("/v1/messages", anthropicKey, true, messages(n, false));
            case 7:
                return send(HttpRequest.newBuilder(URI.create(gateway + "/v1/models"))
                        .header("Authorization", "Bearer " + openaiKey).GET());
            case 8:
                return post("/v1/responses", openaiKey, false,
                        responses(n, n % 40 == 8, "[[scenario:" + fault(n) + "]] " + conversation));
            default:
                return post("/v1/responses", openaiKey, false, responses(n, true, conversation));
        }
    }

    private static String fault(int n) {
        String[] faults = {"rate_limited", "internal_server_error", "drop_mid_stream", "failed_server_error"};
        return faults[(n / 20) % faults.length];
    }

    private static String responses(int n, boolean stream, String prompt) {
        return "{\"model\":\"gpt-5.5\",\"stream\":" + stream + ",\"input\":\"" + prompt + " " + n + "\","
                + "\"prompt_cache_key\":\"training-" + (n % 40) + "\"}";
    }

    private static String chat(int n, boolean stream) {
        return "{\"model\":\"gpt-5.5\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"chat " + n + "\"}]}";
    }

    private static String messages(int n, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":" + stream + ",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"messages " + n + "\"}]}";
    }

    private int post(String path, String key, boolean anthropic, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (anthropic) {
            request.header("x-api-key", key).header("anthropic-version", "2023-06-01");
        } else {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    private int send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A read the desktop makes; an error answer is part of what it trains. */
    private void rpcAnyOutcome(String method) {
        try {
            service.rpc().call(method);
        } catch (RpcTestClient.RpcCallFailed errorAnswer) {
            // the error path is trained too
        }
    }

    private void get(String path) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(gateway + path)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
