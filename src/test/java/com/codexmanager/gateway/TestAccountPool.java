package com.codexmanager.gateway;

import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.port.CredentialsUnavailableException;
import com.codexmanager.gateway.routing.AccountQuota;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.PoolSnapshot;
import com.codexmanager.testkit.FakeAccount;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written {@link AccountPool} over fake-upstream accounts for gateway tests that run without the accounts
 * feature: tokens in memory, refresh through the fake's real token endpoint.
 */
final class TestAccountPool implements AccountPool {
    private final String issuer;
    private final Map<String, PoolAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    final AtomicInteger refreshes = new AtomicInteger();
    private volatile PoolSnapshot snapshot = PoolSnapshot.empty();

    TestAccountPool(String issuer) {
        this.issuer = issuer;
    }

    synchronized TestAccountPool add(FakeAccount account, long sort) {
        accounts.put(account.accountId(), new PoolAccount(account.accountId(), sort, "default",
                PoolAccount.Status.ACTIVE, true, null, account.planType(), null));
        credentials.put(account.accountId(), new Credentials(account.accountId(), account.accessToken(),
                account.accountId()));
        refreshTokens.put(account.accountId(), account.refreshToken());
        order.add(account.accountId());
        rebuild();
        return this;
    }

    synchronized void setStatus(String id, PoolAccount.Status status) {
        PoolAccount a = accounts.get(id);
        accounts.put(id, new PoolAccount(a.id(), a.sort(), a.groupName(), status, a.hasToken(), a.exhaustedUntil(),
                a.plan(), a.quota()));
        rebuild();
    }

    synchronized void setGroup(String id, String group) {
        PoolAccount a = accounts.get(id);
        accounts.put(id, new PoolAccount(a.id(), a.sort(), group, a.status(), a.hasToken(), a.exhaustedUntil(),
                a.plan(), a.quota()));
        rebuild();
    }

    synchronized void setSort(String id, long sort) {
        PoolAccount a = accounts.get(id);
        accounts.put(id, new PoolAccount(a.id(), sort, a.groupName(), a.status(), a.hasToken(), a.exhaustedUntil(),
                a.plan(), a.quota()));
        rebuild();
    }

    /** The usage windows routing sees for the account (what the usage feature would report). */
    synchronized void setQuota(String id, AccountQuota quota) {
        accounts.put(id, accounts.get(id).withQuota(quota));
        rebuild();
    }

    PoolAccount account(String id) {
        return accounts.get(id);
    }

    private void rebuild() {
        snapshot = PoolSnapshot.of(List.copyOf(accounts.values()));
    }

    @Override
    public PoolSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public Credentials credentials(String accountId) throws CredentialsUnavailableException {
        Credentials c = credentials.get(accountId);
        if (c == null) {
            throw new CredentialsUnavailableException("missing_token", "no token");
        }
        return c;
    }

    @Override
    public synchronized Credentials refreshAfterUnauthorized(String accountId, Credentials rejected)
            throws CredentialsUnavailableException {
        refreshes.incrementAndGet();
        JsonObject body = new JsonObject();
        body.addProperty("client_id", "app_EMoamEEZ73f0CkXaXp7hrann");
        body.addProperty("grant_type", "refresh_token");
        body.addProperty("refresh_token", refreshTokens.get(accountId));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CredentialsUnavailableException("refresh_failed", "refresh " + response.statusCode());
            }
            JsonObject tokens = JsonParser.parseString(response.body()).getAsJsonObject();
            if (tokens.has("refresh_token")) {
                refreshTokens.put(accountId, tokens.get("refresh_token").getAsString());
            }
            Credentials fresh = new Credentials(accountId, tokens.get("access_token").getAsString(), accountId);
            credentials.put(accountId, fresh);
            return fresh;
        } catch (java.io.IOException e) {
            throw new CredentialsUnavailableException("network", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsUnavailableException("interrupted", "interrupted");
        }
    }

    @Override
    public synchronized void markUsageLimited(String accountId, Instant resetsAt) {
        PoolAccount a = accounts.get(accountId);
        accounts.put(accountId, new PoolAccount(a.id(), a.sort(), a.groupName(), PoolAccount.Status.LIMITED,
                a.hasToken(), resetsAt, a.plan(), a.quota()));
        rebuild();
    }

    @Override
    public void markUsed(String accountId, Instant at) {
    }
}
