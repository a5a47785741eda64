package com.codexmanager.desktop;

import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hand-written stand-ins for {@code apikey/*}, {@code requestlog/list} and {@code requestlog/summary} (being built
 * on other branches), with the documented shapes, registered on the real service. Thread-safe.
 */
public final class FakeKeyAndLogMethods {
    private final List<Map<String, Object>> keys = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> logs = new CopyOnWriteArrayList<>();
    private final List<String> listQueries = new CopyOnWriteArrayList<>();

    public FakeKeyAndLogMethods() {
        keys.add(key("k1", "Codex laptop", "openai", "gpt-5-codex", "active"));
        keys.add(key("k2", "Claude Code", "anthropic", "", "active"));
        keys.add(key("k3", "Old CI", "openai", "gpt-5", "disabled"));
        long now = java.time.Instant.now().getEpochSecond();
        String[] models = {"gpt-5-codex", "gpt-5", "gpt-5-codex", "gpt-5-mini"};
        int[] statuses = {200, 200, 429, 200, 500, 200, 401, 200};
        for (int i = 0; i < 40; i++) {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("traceId", "tr-" + (1000 + i));
            log.put("createdAt", now - i * 97L);
            log.put("method", "POST");
            log.put("requestPath", i % 3 == 0 ? "/v1/chat/completions" : "/v1/responses");
            log.put("model", models[i % models.length]);
            log.put("statusCode", statuses[i % statuses.length]);
            log.put("accountLabel", i % 5 == 4 ? "" : i % 2 == 0 ? "alice@example.com" : "bob@example.com");
            log.put("keyPrefix", "cm_k1ab");
            log.put("inputTokens", 1200 + i * 37);
            log.put("outputTokens", 300 + i * 11);
            log.put("durationMs", 800 + i * 23);
            log.put("error", statuses[i % statuses.length] >= 400 ? "upstream said " + statuses[i % statuses.length]
                    : "");
            logs.add(log);
        }
    }

    private static Map<String, Object> key(String id, String name, String protocol, String model, String status) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("id", id);
        k.put("name", name);
        k.put("keyPrefix", "cm_" + id + "ab");
        k.put("protocolType", protocol);
        k.put("modelSlug", model);
        k.put("reasoningEffort", model.isEmpty() ? "" : "medium");
        k.put("status", status);
        k.put("createdAt", 1_760_000_000L);
        k.put("lastUsedAt", status.equals("active") ? java.time.Instant.now().getEpochSecond() - 300 : null);
        return k;
    }

    public List<String> listQueries() {
        return List.copyOf(listQueries);
    }

    public int keyCount() {
        return keys.size();
    }

    private static void add(RpcRegistry registry, RpcMethod method) {
        FakeUsageMethods.registerIfAbsent(registry, method);
    }

    public void registerOn(RpcRegistry registry) {
        add(registry, new RpcMethod("apikey/list", "fake", List.of(), p -> Map.of("items", keys)));
        add(registry, new RpcMethod("apikey/models", "fake", List.of(), p -> Map.of("items", List.of(
                Map.of("slug", "gpt-5-codex", "displayName", "GPT-5 Codex"),
                Map.of("slug", "gpt-5", "displayName", "GPT-5")))));
        add(registry, new RpcMethod("apikey/create", "fake", List.of(), p -> {
            String id = "k" + (keys.size() + 1);
            keys.add(key(id, p.string("name"), p.string("protocolType"),
                    p.optionalString("modelSlug").orElse(""), "active"));
            return Map.of("id", id, "key", "cm_" + id + "ab_S3cr3tValueForTestsOnly");
        }));
        for (String m : List.of("apikey/enable", "apikey/disable")) {
            add(registry, new RpcMethod(m, "fake", List.of(), p -> {
                keys.stream().filter(k -> k.get("id").equals(p.string("id")))
                        .forEach(k -> k.put("status", m.endsWith("enable") ? "active" : "disabled"));
                return Map.of("ok", true);
            }));
        }
        add(registry, new RpcMethod("apikey/delete", "fake", List.of(), p -> {
            keys.removeIf(k -> k.get("id").equals(p.string("id")));
            return Map.of("ok", true);
        }));
        add(registry, new RpcMethod("requestlog/list", "fake", List.of(), p -> {
            String filter = p.optionalString("statusFilter").orElse("");
            String query = p.optionalString("query").orElse("");
            listQueries.add(filter + "|" + query);
            List<Map<String, Object>> matching = new ArrayList<>();
            for (Map<String, Object> log : logs) {
                int status = (Integer) log.get("statusCode");
                boolean statusOk = filter.isEmpty() || String.valueOf(status).charAt(0) == filter.charAt(0);
                boolean queryOk = query.isEmpty() || !query.startsWith("model:")
                        || log.get("model").equals(query.substring("model:".length()));
                if (statusOk && queryOk) {
                    matching.add(log);
                }
            }
            long page = p.has("page") ? p.raw().get("page").getAsLong() : 1;
            long size = p.has("pageSize") ? p.raw().get("pageSize").getAsLong() : 20;
            int from = (int) Math.min(matching.size(), (page - 1) * size);
            int to = (int) Math.min(matching.size(), from + size);
            return Map.of("items", matching.subList(from, to), "total", matching.size(), "page", page,
                    "pageSize", size);
        }));
        add(registry, new RpcMethod("requestlog/summary", "fake", List.of(), p -> {
            long from = p.raw().get("from").getAsLong();
            long to = p.raw().get("to").getAsLong();
            long bucket = p.has("bucketSeconds") ? p.raw().get("bucketSeconds").getAsLong() : 3600;
            List<Map<String, Object>> buckets = new ArrayList<>();
            int i = 0;
            for (long start = from; start < to; start += bucket, i++) {
                long requests = 20 + Math.round(18 * Math.sin(i / 2.5) + 18) + (i % 4) * 5;
                buckets.add(Map.of("start", start, "requests", requests, "tokens", requests * (900 + (i % 5) * 120)));
            }
            long requests = buckets.stream().mapToLong(b -> (Long) b.get("requests")).sum();
            long tokens = buckets.stream().mapToLong(b -> (Long) b.get("tokens")).sum();
            return Map.of("buckets", buckets, "requests", requests, "tokens", tokens,
                    "succeeded", Math.round(requests * 0.96));
        }));
    }
}
