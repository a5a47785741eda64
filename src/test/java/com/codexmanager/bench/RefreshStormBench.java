package com.codexmanager.bench;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceProcess;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The refresh storm behind {@code scripts/bench-refresh-storm.sh}, run against a built jar: 200 accounts, 50 clients
 * asking {@code account/refreshTokens} for one account each at once, {@code kill -9} a fixed time into the storm,
 * restart, then every account refreshed once more to find the ones whose rotation was lost
 * ({@code refresh_token_reused}). Reports how many were lost, how long before the kill the issuer had answered them,
 * and (when the service logs it) the time from the issuer's answer to the saved row, over a storm without a kill.
 */
public final class RefreshStormBench {
    private static final int ACCOUNTS = 200;
    private static final Pattern SAVED = Pattern.compile("saved ([0-9.]+) ms after the issuer's answer");
    /** A command that starts the service instead of the jar (a packaged launcher), or blank. */
    private static final String SERVICE_COMMAND = System.getProperty("serviceCommand", "").trim();

    private RefreshStormBench() {
    }

    /**
     * Arguments: java binary, jar, kill delays in ms (comma separated, or {@code none}: only the storm without a
     * kill).
     */
    public static void main(String[] args) throws Exception {
        String java = args[0];
        Path jar = Path.of(args[1]);
        System.out.println("refresh-storm: " + (SERVICE_COMMAND.isEmpty() ? jar.getFileName() + " on " + java
                : SERVICE_COMMAND));
        for (String delay : args[2].equals("none") ? new String[0] : args[2].split(",")) {
            killDuringStorm(java, jar, Long.parseLong(delay.trim()));
        }
        fullStorm(java, jar);
        System.exit(0);
    }

    private static void killDuringStorm(String java, Path jar, long killAfterMillis) throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
                ServiceProcess service = start(fake, java, jar)) {
            Map<String, FakeAccount> accounts = importAccounts(fake, service);
            ExecutorService clients = storm(service, accounts);
            long stormStart = System.currentTimeMillis();
            TimeUnit.MILLISECONDS.sleep(killAfterMillis);
            long killedAt = System.currentTimeMillis();
            service.kill9();
            clients.shutdownNow();
            int answered = accounts.values().stream().mapToInt(FakeAccount::successfulRefreshCount).sum();
            // a fresh port: builds without address reuse cannot rebind the old one for about a minute
            service.moveToNewPort();
            service.start();
            List<Long> lostAges = new ArrayList<>();
            for (Map.Entry<String, FakeAccount> e : accounts.entrySet()) {
                try {
                    service.rpc().call("account/refreshTokens", Map.of("accountId", e.getKey()));
                } catch (RpcTestClient.RpcCallFailed lost) {
                    List<Long> times = e.getValue().rotationsAnsweredAtMillis();
                    lostAges.add(times.isEmpty() ? -1 : killedAt - times.get(times.size() - 1));
                }
            }
            lostAges.sort(null);
            long olderThan100 = lostAges.stream().filter(age -> age > 100).count();
            System.out.printf("refresh-storm: kill -9 %d ms into the storm (%d ms measured): %d rotations answered, "
                    + "%d accounts lost, %d of them answered more than 100 ms before the kill; ages (ms) %s%n",
                    killAfterMillis, killedAt - stormStart, answered, lostAges.size(), olderThan100, lostAges);
        }
    }

    private static void fullStorm(String java, Path jar) throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
                ServiceProcess service = start(fake, java, jar)) {
            Map<String, FakeAccount> accounts = importAccounts(fake, service);
            long started = System.nanoTime();
            ExecutorService clients = storm(service, accounts);
            clients.shutdown();
            clients.awaitTermination(5, TimeUnit.MINUTES);
            for (int i = 0; i < Integer.getInteger("warmStorms", 0); i++) {
                started = System.nanoTime();
                clients = storm(service, accounts);
                clients.shutdown();
                clients.awaitTermination(5, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Double> saves = new ArrayList<>();
            Matcher m = SAVED.matcher(service.logText());
            while (m.find()) {
                saves.add(Double.parseDouble(m.group(1)));
            }
            // only the last storm's saves (the earlier ones warmed the service up)
            saves = new ArrayList<>(saves.subList(Math.max(0, saves.size() - ACCOUNTS), saves.size()));
            saves.sort(null);
            if (saves.isEmpty()) {
                System.out.printf("refresh-storm: %d refreshes in %.1f s; this build does not log the save time%n",
                        ACCOUNTS, seconds);
            } else {
                System.out.printf("refresh-storm: %d refreshes in %.1f s; issuer's answer to saved row: p50 %.1f ms, "
                        + "p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", saves.size(), seconds, at(saves, 0.5),
                        at(saves, 0.9), at(saves, 0.99), saves.get(saves.size() - 1));
            }
            // a clean stop, as a user's: a JVM that writes its class-data archive at exit (the installers' launchers
            // do) gets to write it
            service.sigterm();
            service.awaitExit(Duration.ofSeconds(30));
        }
    }

    /** The jar run by {@code java}, or the command in {@code -DserviceCommand} (a packaged launcher) when set. */
    private static ServiceProcess start(FakeUpstream fake, String java, Path jar) throws Exception {
        Map<String, String> env = Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer());
        Path data = Files.createTempDirectory("cm-storm");
        ServiceProcess service = SERVICE_COMMAND.isEmpty() ? ServiceProcess.prepareJar(data, env, java, jar)
                : ServiceProcess.prepareCommand(data, env, List.of(SERVICE_COMMAND.split("\\s+")));
        return service.start();
    }

    private static Map<String, FakeAccount> importAccounts(FakeUpstream fake, ServiceProcess service) {
        List<String> auth = new ArrayList<>();
        Map<String, FakeAccount> byEmail = new HashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            FakeAccount account = fake.createAccount();
            byEmail.put(account.email(), account);
            auth.add(account.tokens().codexAuthJson(Instant.now()));
        }
        service.rpc().call("account/import", Map.of("contents", auth));
        Map<String, FakeAccount> byId = new HashMap<>();
        JsonObject page = service.rpc().call("account/list", Map.of("page", 1, "pageSize", 500));
        for (JsonElement item : page.getAsJsonArray("items")) {
            JsonObject a = item.getAsJsonObject();
            byId.put(a.get("id").getAsString(), byEmail.get(a.get("email").getAsString()));
        }
        return byId;
    }

    private static ExecutorService storm(ServiceProcess service, Map<String, FakeAccount> accounts) {
        ExecutorService clients = Executors.newFixedThreadPool(50);
        RpcTestClient rpc = service.rpc();
        for (String id : accounts.keySet()) {
            clients.submit(() -> {
                try {
                    rpc.call("account/refreshTokens", Map.of("accountId", id));
                } catch (RuntimeException killed) {
                    // the service was killed mid-storm
                }
            });
        }
        return clients;
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
