package com.codexmanager.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.account.TestTokens;
import com.codexmanager.desktop.EmbeddedService;
import com.codexmanager.desktop.FocusRequests;
import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcCallException;
import com.codexmanager.desktop.rpc.RpcClient;
import com.codexmanager.module.ServiceOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call of the desktop's RPC layer, made with every optional field filled, against the real embedded service:
 * the client refuses any parameter its {@link RpcCall} does not declare, so this proves the code sends only declared
 * names (which {@code RpcContractTest} checks against the service's table), and the service accepts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesktopApisContractTest {
    @TempDir
    static Path dataDir;

    @TempDir
    static Path exportDir;

    private EmbeddedService service;
    private RpcClient rpc;
    private final Set<RpcCall> made = EnumSet.noneOf(RpcCall.class);

    @BeforeAll
    void start() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CODEXMANAGER_DB_PATH", dataDir.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:0");
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        env.put("CODEXMANAGER_LOGIN_ADDR", "localhost:0");
        env.put("CODEXMANAGER_USAGE_BASE_URL", "http://127.0.0.1:9");
        service = EmbeddedService.startNow(ServiceOptions.forTest(env, Clock.systemUTC()), new FocusRequests());
        rpc = new RpcClient(service::endpoint);
    }

    @AfterAll
    void stop() {
        if (rpc != null) {
            rpc.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private <T> T done(RpcCall call, CompletableFuture<T> future) throws Exception {
        made.add(call);
        return future.get(30, TimeUnit.SECONDS);
    }

    /** Waits for a call the service may refuse for its values, never for its parameter names. */
    private void answered(RpcCall call, CompletableFuture<?> future) throws Exception {
        made.add(call);
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            RpcCallException failure = RpcCallException.from(e).orElseThrow(() -> new AssertionError(e));
            assertThat(failure.kind()).as(call.method() + ": " + failure.getMessage())
                    .isIn(RpcCallException.Kind.SERVICE_ERROR, RpcCallException.Kind.INVALID_PARAMS);
        }
    }

    @Test
    void every_desktop_call_goes_through_with_its_declared_parameters() throws Exception {
        AccountsApi accounts = new AccountsApi(rpc);
        KeysApi keys = new KeysApi(rpc);
        LogsApi logs = new LogsApi(rpc);
        SettingsApi settings = new SettingsApi(rpc);
        GatewayApi gateway = new GatewayApi(rpc);
        Instant exp = Instant.now().plus(10, ChronoUnit.DAYS);
        String token = tokenFile(TestTokens.forAccount("acct-one", "user-one", "one@example.com", "plus", exp));
        String other = tokenFile(TestTokens.forAccount("acct-two", "user-two", "two@example.com", "plus", exp));

        done(RpcCall.INITIALIZE, rpc.call(RpcCall.INITIALIZE));
        done(RpcCall.RPC_METHODS, rpc.call(RpcCall.RPC_METHODS));
        done(RpcCall.ACCOUNT_IMPORT, accounts.importBatch(List.of(token, other)));
        done(RpcCall.ACCOUNT_LIST, accounts.list(new AccountsApi.Query("example", "team", "active", 1, 50), false));
        AccountsApi.AccountPage page = done(RpcCall.ACCOUNT_LIST, accounts.list(AccountsApi.Query.ALL, true));
        made.add(RpcCall.USAGE_LIST);
        String one = page.items().stream().filter(a -> a.email().equals("one@example.com")).findFirst()
                .orElseThrow().id();
        String two = page.items().stream().filter(a -> a.email().equals("two@example.com")).findFirst()
                .orElseThrow().id();
        com.google.gson.JsonObject patch = new com.google.gson.JsonObject();
        patch.addProperty("label", "One");
        patch.addProperty("groupName", "team");
        patch.addProperty("note", "a note");
        patch.add("tags", new com.google.gson.JsonArray());
        patch.addProperty("status", "active");
        patch.addProperty("proxyUrl", "http://pool:secret@127.0.0.1:3128");
        done(RpcCall.ACCOUNT_UPDATE, accounts.update(one, patch));
        com.google.gson.JsonObject clearProxy = new com.google.gson.JsonObject();
        clearProxy.addProperty("proxyUrl", "");
        done(RpcCall.ACCOUNT_UPDATE, accounts.update(one, clearProxy));
        done(RpcCall.ACCOUNT_UPDATE_SORTS, accounts.updateSorts(List.of(two, one)));
        done(RpcCall.USAGE_AGGREGATE, accounts.aggregate());
        assertThat(done(RpcCall.USAGE_FORECAST, accounts.forecast()).supported()).isTrue();
        answered(RpcCall.USAGE_REFRESH, accounts.refreshUsage(one));
        JobStatus job = done(RpcCall.USAGE_REFRESH, accounts.refreshAllUsage());
        if (!job.jobId().isEmpty()) {
            done(RpcCall.JOB_STATUS, accounts.job(job.jobId()));
        }
        done(RpcCall.ACCOUNT_EXPORT, accounts.export(exportDir.toString()));
        AccountsApi.LoginStart login = done(RpcCall.LOGIN_START, accounts.loginStart("team", "a note",
                List.of("a", "b")));
        done(RpcCall.LOGIN_STATUS, accounts.loginStatus(login.loginId()));
        answered(RpcCall.LOGIN_COMPLETE, accounts.loginComplete(CallbackUrl.parse(
                "http://localhost:1455/auth/callback?code=abc&state=wrong").orElseThrow()));
        done(RpcCall.LOGIN_CANCEL, accounts.loginCancel(login.loginId()));

        KeyDraft draft = new KeyDraft("Azure", "azure_openai", "gpt-5.5", "high", List.of("gpt-5.5"), "team",
                Instant.now().plus(Duration.ofDays(7)), "https://team.openai.azure.com", "azure-secret",
                new KeyRow.Limits(30, 1_000_000L));
        KeysApi.CreatedKey created = done(RpcCall.KEY_CREATE, keys.create(draft));
        done(RpcCall.KEY_UPDATE, keys.update(created.id(), new KeyDraft("Plain", "openai", "", "", List.of(), "",
                null, "", "")));
        List<KeyRow> rows = done(RpcCall.KEY_LIST, keys.list());
        KeyRow plain = rows.stream().filter(k -> k.id().equals(created.id())).findFirst().orElseThrow();
        assertThat(plain.name()).isEqualTo("Plain");
        assertThat(plain.accountGroup()).isEmpty();
        assertThat(plain.expiresAt()).isNull();
        assertThat(plain.limits().none()).as("the update leaves exactly the drafted limits").isTrue();
        done(RpcCall.KEY_MODELS, keys.models());
        assertThat(done(RpcCall.KEY_USAGE, keys.usageSince(rows, Instant.now().minus(Duration.ofDays(1)))))
                .containsKey(created.id());
        done(RpcCall.KEY_DISABLE, keys.setEnabled(created.id(), false));
        done(RpcCall.KEY_ENABLE, keys.setEnabled(created.id(), true));
        done(RpcCall.KEY_DELETE, keys.delete(created.id()));

        done(RpcCall.LOG_LIST, logs.list(new LogsApi.Query("model:gpt", "2xx", Instant.now().minusSeconds(3600),
                Instant.now(), 1, 20)));
        done(RpcCall.LOG_LIST, logs.lastServedAccount());
        done(RpcCall.LOG_SUMMARY, logs.summary(Instant.now().minusSeconds(3600), Instant.now(), false));
        done(RpcCall.LOG_TRACE, logs.trace("trace-that-does-not-exist"));

        SettingsSnapshot before = done(RpcCall.SETTINGS_GET, settings.load());
        assertThat(before.items()).isNotEmpty();
        done(RpcCall.SETTINGS_SET, settings.save("usagePollIntervalSecs", "120"));
        done(RpcCall.SETTINGS_SET, settings.save("usagePollIntervalSecs", null));

        done(RpcCall.PIN_SET, gateway.pin(one));
        assertThat(done(RpcCall.PIN_GET, gateway.pinned())).hasValue(one);
        done(RpcCall.PIN_CLEAR, gateway.unpin());
        assertThat(done(RpcCall.PIN_GET, gateway.pinned())).isEmpty();

        done(RpcCall.ACCOUNT_DELETE, accounts.delete(one));
        done(RpcCall.ACCOUNT_DELETE_MANY, accounts.deleteMany(List.of(two)));
        com.google.gson.JsonObject show = new com.google.gson.JsonObject();
        show.addProperty("page", "keys");
        done(RpcCall.DESKTOP_SHOW, rpc.call(RpcCall.DESKTOP_SHOW, show));

        assertThat(EnumSet.complementOf(EnumSet.copyOf(made))).as("calls this test never made").isEmpty();
    }

    private static String tokenFile(TestTokens.Set t) {
        return "{\"access_token\":\"" + t.accessToken() + "\",\"refresh_token\":\"" + t.refreshToken()
                + "\",\"id_token\":\"" + t.idToken() + "\"}";
    }
}
