package com.codexmanager.bench;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeAzureOpenAi;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.Scenario;
import com.codexmanager.testkit.ServiceProcess;
import com.github.luben.zstd.Zstd;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user-visible failures that issues 14, 16, 17 and 18 were filed with, tried on two built jars in one run against
 * the same fake upstream (ChatGPT backend, issuer and two Azure resources, one of them silent), each jar on a fresh
 * data dir: one line per item, the old jar's outcome beside the new one's. Real Codex-side clients where the issue
 * names them ({@code claude} on the PATH). Nothing leaves this machine.
 *
 * <p>Usage: {@code BeforeAfterProbe OLD_JAR NEW_JAR [JAVA]}
 */
public final class BeforeAfterProbe {
    private static final String AZURE_SECRET = "azure-probe-secret";
    private static final String COOKIE_TEXT = "probe-cookie-31415";

    private final FakeUpstream fake;
    private final FakeAzureOpenAi azure;
    private final FakeAzureOpenAi silentAzure;
    private final String javaBinary;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BeforeAfterProbe(String java, Path work) {
        this.javaBinary = java;
        this.work = work;
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().replyText("PONG").deviceIntervalSeconds(1)
                .stallDuration(Duration.ofSeconds(60)).build());
        FakeUpstreamOptions azureOptions = FakeUpstreamOptions.builder().stallDuration(Duration.ofSeconds(60)).build();
        azure = FakeAzureOpenAi.start(AZURE_SECRET, Set.of("my-dep"), azureOptions);
        silentAzure = FakeAzureOpenAi.start(AZURE_SECRET, Set.of("my-dep"), azureOptions);
        for (int i = 0; i < 50; i++) {
            silentAzure.enqueue(Scenario.SLOW_FIRST_BYTE);
        }
        fake.signInAs(fake.createAccount(AccountSpec.builder().email("headless@example.test").build()));
        fake.autoApproveDevicesAfterPolls(2);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BeforeAfterProbe OLD_JAR NEW_JAR [JAVA]");
            System.exit(2);
        }
        String java = args.length > 2 ? args[2] : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createTempDirectory("before-after");
        BeforeAfterProbe probe = new BeforeAfterProbe(java, work);
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        results.put("before", probe.run("before", Path.of(args[0])));
        results.put("after", probe.run("after", Path.of(args[1])));
        System.out.println();
        System.out.println("| item | before (" + args[0] + ") | after (" + args[1] + ") |");
        System.out.println("|---|---|---|");
        for (String item : results.get("after").keySet()) {
            System.out.println("| " + item + " | " + results.get("before").getOrDefault(item, "–") + " | "
                    + results.get("after").get(item) + " |");
        }
        System.exit(0);
    }

    private Map<String, String> run(String label, Path jar) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Path dir = Files.createDirectories(work.resolve(label));
        out.put("14 Claude Code (`claude -p`, its default model) on a pool of one free-plan account", attempt(() ->
                claudeCode(jar, dir)));
        try (ServiceProcess service = ServiceProcess.prepareJar(dir.resolve("main"), upstreamEnv(Map.of(
                "CODEXMANAGER_ROUTE_STRATEGY", "balanced", "CODEXMANAGER_UPSTREAM_FIRST_BYTE_TIMEOUT_SECS", "3")),
                javaBinary, jar)) {
            service.start();
            RpcTestClient rpc = service.rpc();
            List<FakeAccount> accounts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                FakeAccount account = fake.createAccount(AccountSpec.builder().planType(i == 0 ? "free" : "plus")
                        .build());
                accounts.add(account);
                rpc.call("account/import", Map.of("contents", List.of(account.tokens().codexAuthJson(Instant.now()))));
            }
            String key = rpc.call("apikey/create", Map.of("name", "probe", "protocolType", "openai"))
                    .get("key").getAsString();

            out.put("14 quick switch: turns of an ongoing conversation served by the pinned account", attempt(() ->
                    quickSwitch(service, rpc, key, accounts)));
            out.put("14 key with requestsPerMinute 3: answers to 6 requests", attempt(() -> keyLimit(service, rpc)));
            out.put("16 `GET /v1/responses` WebSocket upgrade", attempt(() -> upgrade(service, key)));
            out.put("16 zstd-compressed `/v1/responses` body", attempt(() -> zstdBody(service, key)));
            out.put("16 `account/login/start {\"method\":\"device\"}`", attempt(() -> deviceLogin(rpc)));
            String azureKey = attempt(() -> azureKey(rpc, azure.endpoint()));
            out.put("16 `/v1/messages` with an azure_openai key", attempt(() -> status(post(service, "/v1/messages",
                    azureKey, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]}", Duration.ofSeconds(30)))));
            out.put("16 `/v1/chat/completions` with an azure_openai key", attempt(() -> status(post(service,
                    "/v1/chat/completions", azureKey, "{\"model\":\"my-dep\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]}", Duration.ofSeconds(30)))));
            String silentKey = attempt(() -> azureKey(rpc, silentAzure.endpoint()));
            out.put("16 azure resource that never answers (first-byte timeout 3 s)", attempt(() ->
                    silentAzure(service, silentKey)));
            out.put("17 `apikey/create` with a parameter the method does not know (`expiresInDays`, as the desktop "
                    + "sent it)", attempt(() -> rpcOutcome(rpc, "apikey/create", Map.of("name", "typo",
                            "protocolType", "openai", "expiresInDays", 7))));
            out.put("17 trace line of a request refused with usage_limit_reached", attempt(() ->
                    traceCode(service, key)));
            rpc.call("appSettings/set", Map.of("upstreamCookie", "cf_clearance=" + COOKIE_TEXT));
            out.put("18 restart on the same port after Stop (SIGTERM) with keep-alive clients", attempt(() ->
                    restartAfterStop(service, key)));
            service.sigterm();
            service.awaitExit(Duration.ofSeconds(40));
            out.put("17 upstream cookie readable in the data dir's files", attempt(() ->
                    filesContain(service.dataDir(), COOKIE_TEXT) ? "yes, in plain text" : "no (encrypted)"));
        }
        out.put("17 `CODEXMANAGER_SERVICE_ADDR=notaport serve`", attempt(() -> badAddress(jar, dir)));
        out.put("17 env file with a malformed line", attempt(() -> envFile(jar, dir)));
        return out;
    }

    private interface Attempt {
        String get() throws Exception;
    }

    private static String attempt(Attempt attempt) {
        try {
            return attempt.get();
        } catch (Exception | AssertionError e) {
            return "failed: " + oneLine(String.valueOf(e.getMessage()), 120);
        }
    }

    private Map<String, String> upstreamEnv(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        return env;
    }

    private String claudeCode(Path jar, Path dir) throws Exception {
        Path claude = Stream.of(System.getenv("PATH").split(":")).map(p -> Path.of(p, "claude"))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException("no claude"));
        try (ServiceProcess service = ServiceProcess.prepareJar(dir.resolve("claude"), upstreamEnv(Map.of()), javaBinary,
                jar)) {
            service.start();
            FakeAccount free = fake.createAccount(AccountSpec.builder().planType("free").build());
            service.rpc().call("account/import", Map.of("contents", List.of(free.tokens().codexAuthJson(
                    Instant.now()))));
            String key = service.rpc().call("apikey/create", Map.of("name", "claude", "protocolType", "anthropic"))
                    .get("key").getAsString();
            return claudeCode(claude, service, key, dir);
        }
    }

    private String claudeCode(Path claude, ServiceProcess service, String key, Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("claude-home"));
        ProcessBuilder builder = new ProcessBuilder(claude.toString(), "-p", "Reply with the word PONG.",
                "--output-format", "text").directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("claude.out").toFile()).redirectError(dir.resolve("claude.err").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE_"));
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("ANTHROPIC_BASE_URL", service.baseUrl());
        env.put("ANTHROPIC_AUTH_TOKEN", key);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "no answer within 120 s";
        }
        String said = oneLine(Files.readString(dir.resolve("claude.out")) + Files.readString(dir.resolve("claude.err")),
                110);
        return "exit " + process.exitValue() + ": " + said;
    }

    private static void pinTo(RpcTestClient rpc, FakeAccount account) {
        rpc.call("gateway/manualAccount/set", Map.of("accountId", serviceId(rpc, account)));
    }

    private static String serviceId(RpcTestClient rpc, FakeAccount account) {
        for (JsonElement item : rpc.call("account/list", Map.of()).getAsJsonArray("items")) {
            JsonObject row = item.getAsJsonObject();
            if (row.toString().contains(account.accountId()) || row.toString().contains(account.email())) {
                return row.get("id").getAsString();
            }
        }
        throw new IllegalStateException("account not listed: " + account.email());
    }

    private String quickSwitch(ServiceProcess service, RpcTestClient rpc, String key, List<FakeAccount> accounts)
            throws Exception {
        List<FakeAccount> plus = accounts.subList(1, 3);
        String turn = "{\"model\":\"gpt-5.5\",\"input\":\"next turn\",\"prompt_cache_key\":\"conversation-42\"}";
        int[] before = plus.stream().mapToInt(FakeAccount::responsesCount).toArray();
        status(post(service, "/v1/responses", key, turn, Duration.ofSeconds(30)));
        FakeAccount first = plus.get(0).responsesCount() > before[0] ? plus.get(0) : plus.get(1);
        FakeAccount other = first == plus.get(0) ? plus.get(1) : plus.get(0);
        pinTo(rpc, other);
        int pinnedBefore = other.responsesCount();
        for (int i = 0; i < 5; i++) {
            status(post(service, "/v1/responses", key, turn, Duration.ofSeconds(30)));
        }
        rpc.call("gateway/manualAccount/clear", Map.of());
        return (other.responsesCount() - pinnedBefore) + " of 5";
    }

    private String keyLimit(ServiceProcess service, RpcTestClient rpc) throws Exception {
        String limited = rpc.call("apikey/create", Map.of("name", "limited", "protocolType", "openai", "limits",
                Map.of("requestsPerMinute", 3))).get("key").getAsString();
        Map<Integer, Integer> counts = new TreeMap<>();
        String retryAfter = "";
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = post(service, "/v1/responses", limited,
                    "{\"model\":\"gpt-5.5\",\"input\":\"request " + i + "\"}", Duration.ofSeconds(30));
            counts.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 429) {
                retryAfter = answer.headers().firstValue("Retry-After").map(v -> ", Retry-After " + v).orElse("");
                if (answer.body().contains("key_limit_exceeded")) {
                    retryAfter += ", key_limit_exceeded";
                }
            }
        }
        return counts.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).reduce((a, b) -> a + ", " + b)
                .orElse("") + retryAfter;
    }

    private String upgrade(ServiceProcess service, String key) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1:" + service.port() + "\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "OpenAI-Beta: responses_websockets=2026-02-06\r\nAuthorization: Bearer " + key + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            String contentType = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = ", " + line.substring(13).trim();
                }
            }
            return status.replace("HTTP/1.1 ", "") + contentType;
        }
    }

    private String zstdBody(ServiceProcess service, String key) throws Exception {
        byte[] body = Zstd.compress("{\"model\":\"gpt-5.5\",\"input\":\"compressed\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").header("Content-Encoding", "zstd")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return status(answer);
    }

    private String deviceLogin(RpcTestClient rpc) throws Exception {
        JsonObject started = rpc.call("account/login/start", Map.of("method", "device"));
        if (!started.has("userCode")) {
            return "no device code; answer has " + started.keySet();
        }
        String loginId = started.get("loginId").getAsString();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = rpc.call("account/login/status", Map.of("loginId", loginId)).get("status").getAsString();
            if (!status.equals("pending")) {
                break;
            }
            Thread.sleep(200);
        }
        return "code " + started.get("userCode").getAsString() + ", login " + status;
    }

    private static String azureKey(RpcTestClient rpc, String endpoint) {
        return rpc.call("apikey/create", Map.of("name", "azure", "protocolType", "azure_openai", "modelSlug", "my-dep",
                "upstreamBaseUrl", endpoint, "azureApiKey", AZURE_SECRET)).get("key").getAsString();
    }

    private String silentAzure(ServiceProcess service, String key) throws Exception {
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = post(service, "/v1/responses", key,
                    "{\"model\":\"my-dep\",\"input\":\"hi\",\"stream\":true}", Duration.ofSeconds(20));
            return status(answer) + " after " + seconds(start);
        } catch (HttpTimeoutException e) {
            return "no answer when the client gave up after " + seconds(start);
        }
    }

    private static String rpcOutcome(RpcTestClient rpc, String method, Map<String, Object> params) {
        try {
            JsonObject result = rpc.call(method, params);
            return "accepted; stored expiresAt " + result.get("expiresAt");
        } catch (RpcTestClient.RpcCallFailed e) {
            return "error " + e.code() + ": " + oneLine(e.getMessage(), 100);
        }
    }

    private String traceCode(ServiceProcess service, String key) throws Exception {
        int linesBefore = linesOf(service.dataDir(), l -> l.contains("REQUEST_FINAL")).size();
        // every account the fake knows, the one a device login added included
        fake.accounts().forEach(a -> a.respondAlwaysWith(Scenario.USAGE_LIMIT));
        post(service, "/v1/responses", key, "{\"model\":\"gpt-5.5\",\"input\":\"over the limit\"}",
                Duration.ofSeconds(30));
        fake.accounts().forEach(FakeAccount::clearScenarios);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = linesOf(service.dataDir(), l -> l.contains("REQUEST_FINAL"));
            for (String line : lines.subList(Math.min(linesBefore, lines.size()), lines.size())) {
                Matcher code = Pattern.compile("code=(\\S+)").matcher(line);
                Matcher status = Pattern.compile("status=(\\d+)").matcher(line);
                if (code.find()) {
                    return (status.find() ? "status=" + status.group(1) + " " : "") + "code=" + code.group(1);
                }
            }
            Thread.sleep(200);
        }
        return "no REQUEST_FINAL line";
    }

    private String restartAfterStop(ServiceProcess service, String key) throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            clients.add(client);
            client.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/models"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        }
        service.sigterm();
        service.awaitExit(Duration.ofSeconds(40));
        long start = System.nanoTime();
        int attempts = 0;
        while (System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
            attempts++;
            service.launch();
            try {
                service.awaitHealthy(Duration.ofSeconds(30));
                return "serving after " + seconds(start) + " (" + attempts + " start" + (attempts > 1 ? "s" : "")
                        + ")";
            } catch (AssertionError exited) {
                Thread.sleep(500);
            }
        }
        return "still refused after 120 s (" + attempts + " starts)";
    }

    private String badAddress(Path jar, Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("bad-address"));
        ProcessBuilder builder = new ProcessBuilder(javaBinary, "-jar", jar.toString(), "serve").redirectErrorStream(true)
                .redirectOutput(data.resolve("out.txt").toFile());
        builder.environment().put("CODEXMANAGER_DB_PATH", data.resolve("codexmanager.mv.db").toString());
        builder.environment().put("CODEXMANAGER_SERVICE_ADDR", "notaport");
        builder.environment().put("CODEXMANAGER_DISABLE_POLLING", "1");
        Process process = builder.start();
        boolean ended = process.waitFor(20, TimeUnit.SECONDS);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String said = Files.readString(data.resolve("out.txt"));
        String about = said.lines().filter(l -> l.contains("notaport") || l.contains("SERVICE_ADDR")).findFirst()
                .orElse(said.lines().reduce((a, b) -> b).orElse(""));
        return (ended ? "exit " + process.exitValue() : "still running after 20 s") + ": "
                + oneLine(about.replaceAll("^\\S+ \\S+ +\\S+ +\\[[^]]*] ", ""), 110);
    }

    private String envFile(Path jar, Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("env-file"));
        Path file = data.resolve("team.env");
        Files.writeString(file, "CODEXMANAGER_ROUTE_STRATEGY=balanced\nthis line is not a setting\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(javaBinary, "-jar", jar.toString(), "serve", "--env-file",
                file.toString()).redirectErrorStream(true).redirectOutput(data.resolve("out.txt").toFile());
        builder.environment().put("CODEXMANAGER_DB_PATH", data.resolve("codexmanager.mv.db").toString());
        builder.environment().put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
        builder.environment().put("CODEXMANAGER_RPC_TOKEN", ServiceProcess.RPC_TOKEN);
        builder.environment().put("CODEXMANAGER_DISABLE_POLLING", "1");
        Process process = builder.start();
        try {
            RpcTestClient rpc = RpcTestClient.of("http://127.0.0.1:" + port, ServiceProcess.RPC_TOKEN);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonObject settings = null;
            while (settings == null && System.nanoTime() < deadline && process.isAlive()) {
                try {
                    settings = rpc.call("appSettings/get", Map.of());
                } catch (RuntimeException notYet) {
                    Thread.sleep(200);
                }
            }
            String log = Files.readString(data.resolve("out.txt"));
            boolean named = log.lines().anyMatch(l -> l.contains(file.toString()) && !l.contains("line 2"));
            boolean warned = log.lines().anyMatch(l -> l.contains("line 2") || l.contains(":2"));
            String source = settings == null ? "no appSettings/get" : sourceOf(settings, "routeStrategy");
            return "file named in the log: " + (named ? "yes" : "no") + "; malformed line warned: "
                    + (warned ? "yes" : "no") + "; routeStrategy source: " + source;
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String sourceOf(JsonObject settings, String name) {
        String text = settings.toString();
        int at = text.indexOf("\"key\":\"" + name + "\"");
        at = at >= 0 ? at : text.indexOf("\"" + name + "\"");
        if (at < 0) {
            return "not listed";
        }
        Matcher source = Pattern.compile("\"source\":\"([^\"]+)\"")
                .matcher(text.substring(at));
        return source.find() ? source.group(1) : "not given";
    }

    private HttpResponse<String> post(ServiceProcess service, String path, String key, String body, Duration timeout)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(timeout)
                .header("Authorization", "Bearer " + key).header("api-key", key).header("x-api-key", key)
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String status(HttpResponse<String> answer) {
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String detail = answer.statusCode() == 200 ? "" : " " + oneLine(answer.body(), 90);
        return answer.statusCode() + (type.isEmpty() ? "" : " " + type.replaceAll(";.*", "")) + detail;
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static boolean filesContain(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), needle) >= 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<String> linesOf(Path dir, Function<String, Boolean> wanted) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".db")).toList()) {
                for (String line : new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n")) {
                    if (wanted.apply(line)) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    private static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").replace("|", "/").trim();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
