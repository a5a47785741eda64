package com.codexmanager.desktop.model;

import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The account RPC methods the desktop uses, in one place so that a renamed method or parameter is a one-file
 * change. Every method returns a future that fails with {@link com.codexmanager.desktop.rpc.RpcCallException}.
 * Thread-safe.
 */
public final class AccountsApi {
    /** The methods the accounts page needs; without them it shows "not available in this service version". */
    public static final Set<String> REQUIRED = Set.of("account/list");
    static final int MAX_PAGE = 500;

    private final RpcClient rpc;

    public AccountsApi(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** One page of accounts plus the total matching the filters. Immutable. */
    public record AccountPage(List<AccountRow> items, long total) {
        public AccountPage {
            items = List.copyOf(items);
        }
    }

    /** Filters of the accounts table; blank means "any". Immutable. */
    public record Query(String text, String group, String status, int page, int pageSize) {
        public static final Query ALL = new Query("", "", "", 1, MAX_PAGE);
    }

    public CompletableFuture<AccountPage> list(Query query, boolean withUsage) {
        JsonObject params = new JsonObject();
        params.addProperty("page", query.page());
        params.addProperty("pageSize", query.pageSize());
        if (!query.text().isBlank()) {
            params.addProperty("query", query.text());
        }
        if (!query.group().isBlank()) {
            params.addProperty("groupFilter", query.group());
        }
        if (!query.status().isBlank()) {
            params.addProperty("statusFilter", query.status());
        }
        CompletableFuture<Map<String, JsonObject>> usage = withUsage ? usage()
                : CompletableFuture.completedFuture(Map.of());
        return rpc.call(RpcCall.ACCOUNT_LIST, params).thenCombine(usage, (result, byAccount) -> {
            List<AccountRow> rows = new ArrayList<>();
            for (JsonObject a : Json2.objects(result, "items")) {
                rows.add(AccountRow.from(a, byAccount.get(Json2.text(a, "id", "accountId"))));
            }
            return new AccountPage(rows, Json2.number(result, "total", rows.size()));
        });
    }

    /** Latest usage snapshot per account id; empty when the service has no usage methods yet. */
    public CompletableFuture<Map<String, JsonObject>> usage() {
        return rpc.call(RpcCall.USAGE_LIST).handle((result, error) -> {
            Map<String, JsonObject> out = new HashMap<>();
            if (error == null) {
                for (JsonObject u : Json2.objects(result, "items")) {
                    out.put(Json2.text(u, "accountId"), u);
                }
            }
            return out;
        });
    }

    /**
     * Pool remaining percent of the 5-hour and the weekly window ({@code account/usage/aggregate}); an element is
     * null when no account reports that window or the service has no usage methods.
     */
    public CompletableFuture<Double[]> aggregate() {
        return rpc.call(RpcCall.USAGE_AGGREGATE).handle((r, error) -> error != null ? new Double[] {null, null}
                : new Double[] {Json2.decimal(r, "primaryRemainingPercent"),
                        Json2.decimal(r, "secondaryRemainingPercent")});
    }

    /** How long the pool lasts at the current rate; {@link PoolSnapshot.Forecast#UNKNOWN} when not offered. */
    public CompletableFuture<PoolSnapshot.Forecast> forecast() {
        return rpc.call(RpcCall.USAGE_FORECAST).handle((r, error) -> {
            if (error != null || !r.has("pool") || !r.get("pool").isJsonObject()) {
                return PoolSnapshot.Forecast.UNKNOWN;
            }
            JsonObject pool = r.getAsJsonObject("pool");
            Double tokens = Json2.decimal(pool, "tokensPerHour");
            return new PoolSnapshot.Forecast(true, tokens == null ? 0 : tokens, Json2.decimal(pool, "hoursLeft"));
        });
    }

    /** Puts the accounts in this order (the service numbers them in one transaction). */
    public CompletableFuture<Void> updateSorts(List<String> orderedIds) {
        JsonArray ids = new JsonArray();
        orderedIds.forEach(ids::add);
        JsonObject params = new JsonObject();
        params.add("accountIds", ids);
        return rpc.call(RpcCall.ACCOUNT_UPDATE_SORTS, params).thenApply(r -> null);
    }

    /** Patches label/groupName/tags/note/status; only the given keys change. */
    public CompletableFuture<Void> update(String accountId, JsonObject patch) {
        JsonObject params = patch.deepCopy();
        params.addProperty("accountId", accountId);
        return rpc.call(RpcCall.ACCOUNT_UPDATE, params).thenApply(r -> null);
    }

    public CompletableFuture<Void> delete(String accountId) {
        JsonObject params = new JsonObject();
        params.addProperty("accountId", accountId);
        return rpc.call(RpcCall.ACCOUNT_DELETE, params).thenApply(r -> null);
    }

    /** Imports one batch of file contents; errors carry the index within {@code contents}. */
    public CompletableFuture<ImportResult> importBatch(List<String> contents) {
        JsonObject params = new JsonObject();
        JsonArray array = new JsonArray();
        contents.forEach(array::add);
        params.add("contents", array);
        return rpc.call(RpcCall.ACCOUNT_IMPORT, params, Duration.ofSeconds(60)).thenApply(ImportResult::from);
    }

    /** Exports all accounts to {@code outputDir}; returns the number of files written. */
    public CompletableFuture<Long> export(String outputDir) {
        JsonObject params = new JsonObject();
        params.addProperty("outputDir", outputDir);
        return rpc.call(RpcCall.ACCOUNT_EXPORT, params, Duration.ofSeconds(60))
                .thenApply(r -> Json2.number(r, "exported", Json2.objects(r, "files").size()));
    }

    public CompletableFuture<LoginStart> loginStart(String groupName, String note, List<String> tags) {
        JsonObject params = loginParams(groupName, note, tags);
        params.addProperty("openBrowser", false);
        return rpc.call(RpcCall.LOGIN_START, params).thenApply(r -> new LoginStart(Json2.text(r, "loginId"),
                Json2.text(r, "authUrl")));
    }

    /**
     * Starts a device-code login: the service asks the issuer for a code and polls it while the user enters the
     * code on any device; follow it with {@link #loginStatus} like a browser login.
     */
    public CompletableFuture<DeviceLogin> loginStartDevice(String groupName, String note, List<String> tags) {
        JsonObject params = loginParams(groupName, note, tags);
        params.addProperty("method", "device");
        return rpc.call(RpcCall.LOGIN_START, params, Duration.ofSeconds(30)).thenApply(r -> new DeviceLogin(
                Json2.text(r, "loginId"), Json2.text(r, "userCode"), Json2.text(r, "verificationUri"),
                Json2.instant(r, "expiresAt")));
    }

    private static JsonObject loginParams(String groupName, String note, List<String> tags) {
        JsonObject params = new JsonObject();
        params.addProperty("type", "chatgpt");
        if (!groupName.isBlank()) {
            params.addProperty("groupName", groupName);
        }
        if (!note.isBlank()) {
            params.addProperty("note", note);
        }
        JsonArray tagArray = new JsonArray();
        tags.forEach(tagArray::add);
        params.add("tags", tagArray);
        return params;
    }

    public CompletableFuture<LoginStatus> loginStatus(String loginId) {
        JsonObject params = new JsonObject();
        params.addProperty("loginId", loginId);
        return rpc.call(RpcCall.LOGIN_STATUS, params)
                .thenApply(r -> new LoginStatus(Json2.text(r, "status"), Json2.text(r, "error"),
                        Json2.text(r, "accountId")));
    }

    /** The manual-callback path: the user pasted the redirect URL from the browser's address bar. */
    public CompletableFuture<Void> loginComplete(CallbackUrl callback) {
        JsonObject params = new JsonObject();
        params.addProperty("callbackUrl", callback.redirectUri() + "?code=" + callback.rawCode() + "&state="
                + callback.rawState());
        return rpc.call(RpcCall.LOGIN_COMPLETE, params, Duration.ofSeconds(30)).thenApply(r -> null);
    }

    public CompletableFuture<Void> loginCancel(String loginId) {
        JsonObject params = new JsonObject();
        params.addProperty("loginId", loginId);
        return rpc.call(RpcCall.LOGIN_CANCEL, params).thenApply(r -> null);
    }

    /** Starts (or joins the running) usage refresh of every account; follow it with {@link #job}. */
    public CompletableFuture<JobStatus> refreshAllUsage() {
        return rpc.call(RpcCall.USAGE_REFRESH, new JsonObject(), Duration.ofSeconds(30)).thenApply(JobStatus::from);
    }

    /** Fetches one account's usage now (right after it was added), and waits for it. */
    public CompletableFuture<Void> refreshUsage(String accountId) {
        JsonObject params = new JsonObject();
        params.addProperty("accountId", accountId);
        return rpc.call(RpcCall.USAGE_REFRESH, params, Duration.ofSeconds(30)).thenApply(r -> null);
    }

    /** Deletes several accounts in one transaction. */
    public CompletableFuture<Void> deleteMany(List<String> accountIds) {
        JsonArray ids = new JsonArray();
        accountIds.forEach(ids::add);
        JsonObject params = new JsonObject();
        params.add("accountIds", ids);
        return rpc.call(RpcCall.ACCOUNT_DELETE_MANY, params).thenApply(r -> null);
    }

    public CompletableFuture<JobStatus> job(String jobId) {
        JsonObject params = new JsonObject();
        params.addProperty("jobId", jobId);
        return rpc.call(RpcCall.JOB_STATUS, params).thenApply(JobStatus::from);
    }

    /** A started browser login. Immutable. */
    public record LoginStart(String loginId, String authUrl) {
    }

    /**
     * A started device-code login: the code to enter at {@code verificationUri}, valid until {@code expiresAt}
     * ({@code null} when the service did not say). Immutable.
     */
    public record DeviceLogin(String loginId, String userCode, String verificationUri, java.time.Instant expiresAt) {
    }

    /**
     * Login progress: {@code pending, completing, success, failed, expired, cancelled}; {@code accountId} names the
     * added account once it succeeded (blank before). Immutable.
     */
    public record LoginStatus(String status, String error, String accountId) {
        public boolean finished() {
            return !"pending".equals(status) && !"completing".equals(status) && !status.isEmpty();
        }
    }
}
