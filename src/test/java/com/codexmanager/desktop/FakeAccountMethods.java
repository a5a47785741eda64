package com.codexmanager.desktop;

import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcRegistry;
import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written stand-in for the account and usage RPC methods (being built on other branches), registered on the
 * real service, with the documented shapes: {@code account/list}, {@code account/updateSorts},
 * {@code account/usage/list}, {@code account/usage/aggregate}, {@code account/usage/refresh}. Thread-safe.
 */
public final class FakeAccountMethods {
    /** One fake account. Mutable fields are guarded by the owner's lock. */
    public static final class Account {
        final String id;
        final String email;
        volatile long sort;
        volatile String status = "active";
        volatile String statusReason = "";
        volatile double used;
        volatile double weeklyUsed;

        Account(String id, String email, long sort, double used, double weeklyUsed) {
            this.id = id;
            this.email = email;
            this.sort = sort;
            this.used = used;
            this.weeklyUsed = weeklyUsed;
        }
    }

    private final List<Account> accounts = new CopyOnWriteArrayList<>();
    private final List<List<String>> sortCalls = new CopyOnWriteArrayList<>();
    private volatile int refreshCalls;
    private volatile String loginState = "pending";
    private volatile int importBatches;

    public int importBatches() {
        return importBatches;
    }

    public List<String> emails() {
        return accounts.stream().map(a -> a.email).toList();
    }

    public FakeAccountMethods add(String id, String email, double used, double weeklyUsed) {
        accounts.add(new Account(id, email, accounts.size(), used, weeklyUsed));
        return this;
    }

    public void setStatus(String id, String status, String reason) {
        accounts.stream().filter(a -> a.id.equals(id)).forEach(a -> {
            a.status = status;
            a.statusReason = reason;
        });
    }

    /** The ids in their current sort order. */
    public List<String> order() {
        return accounts.stream().sorted(java.util.Comparator.comparingLong(a -> a.sort)).map(a -> a.id).toList();
    }

    public List<List<String>> sortCalls() {
        return List.copyOf(sortCalls);
    }

    public int refreshCalls() {
        return refreshCalls;
    }

    public void registerOn(RpcRegistry registry) {
        registry.register(new RpcMethod("account/list", "fake", List.of(), p -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Account a : accounts) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", a.id);
                m.put("label", "");
                m.put("email", a.email);
                m.put("planType", "plus");
                m.put("groupName", "TEAM");
                m.put("tags", List.of("work"));
                m.put("sort", a.sort);
                m.put("note", "");
                m.put("status", a.status);
                m.put("statusReason", a.statusReason);
                m.put("hasToken", true);
                m.put("lastRefreshAt", 1_760_000_000L);
                items.add(m);
            }
            return Map.of("items", items, "total", items.size(), "page", 1, "pageSize", 500);
        }));
        registry.register(new RpcMethod("account/updateSorts", "fake",
                List.of(RpcParam.required("sorts", "array", "sorts")), p -> {
                    List<String> ids = new ArrayList<>();
                    for (JsonElement e : p.raw().getAsJsonArray("sorts")) {
                        String id = e.getAsJsonObject().get("accountId").getAsString();
                        long sort = e.getAsJsonObject().get("sort").getAsLong();
                        ids.add(id);
                        accounts.stream().filter(a -> a.id.equals(id)).forEach(a -> a.sort = sort);
                    }
                    sortCalls.add(ids);
                    return Map.of("ok", true);
                }));
        registry.register(new RpcMethod("account/usage/list", "fake", List.of(), p -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Account a : accounts) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("accountId", a.id);
                u.put("availabilityStatus", a.used >= 100 || a.weeklyUsed >= 100 ? "unavailable" : "available");
                u.put("usedPercent", a.used);
                u.put("windowMinutes", 300);
                u.put("resetsAt", 1_760_003_600L);
                u.put("secondaryUsedPercent", a.weeklyUsed);
                u.put("secondaryWindowMinutes", 10_080);
                u.put("secondaryResetsAt", 1_760_300_000L);
                u.put("capturedAt", 1_760_000_000L);
                items.add(u);
            }
            return Map.of("items", items);
        }));
        registry.register(new RpcMethod("account/login/start", "fake", List.of(), p -> {
            loginState = "pending";
            return Map.of("loginId", "login-1", "authUrl",
                    "https://auth.example.test/oauth/authorize?client_id=app&state=st-42");
        }));
        registry.register(new RpcMethod("account/login/status", "fake", List.of(),
                p -> Map.of("status", loginState, "error", "")));
        registry.register(new RpcMethod("account/login/complete", "fake", List.of(), p -> {
            if (!"st-42".equals(p.string("state")) || p.string("code").isBlank()) {
                throw com.codexmanager.rpc.RpcException.invalidParams("state", "does not match the login");
            }
            add("acc-new", "new@example.com", 0, 0);
            loginState = "success";
            return Map.of("ok", true);
        }));
        registry.register(new RpcMethod("account/login/cancel", "fake", List.of(), p -> Map.of("ok", true)));
        registry.register(new RpcMethod("account/import", "fake", List.of(), p -> {
            int created = 0;
            List<Map<String, Object>> errors = new ArrayList<>();
            var contents = p.raw().getAsJsonArray("contents");
            for (int i = 0; i < contents.size(); i++) {
                String text = contents.get(i).getAsString();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"email\"\\s*:\\s*\"([^\"]+)\"")
                        .matcher(text);
                if (m.find()) {
                    add("imp-" + accounts.size(), m.group(1), 0, 0);
                    created++;
                } else {
                    errors.add(Map.of("index", i, "message", "no tokens found"));
                }
            }
            importBatches++;
            return Map.of("total", contents.size(), "created", created, "updated", 0, "failed", errors.size(),
                    "errors", errors);
        }));
        registry.register(new RpcMethod("account/usage/aggregate", "fake", List.of(),
                p -> Map.of("primaryRemainPercent", 62, "secondaryRemainPercent", 81)));
        registry.register(new RpcMethod("account/usage/refresh", "fake", List.of(), p -> {
            refreshCalls++;
            return Map.of("jobId", "");
        }));
    }
}
