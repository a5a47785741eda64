package com.codexmanager.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code codexmanager status}: the service (version, address, data dir), the accounts by status and by availability,
 * the pool's remaining 5-hour and weekly quota, and today's traffic (since local midnight). Exit code 1 when the
 * service cannot be reached.
 */
@Command(name = "status", description = "Show the service, the accounts by availability, the pool's remaining "
        + "quota and today's traffic.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RpcConnection rpc = connection.connect(context);
        JsonObject service = rpc.call("initialize", new JsonObject());
        JsonObject pool = rpc.call("account/usage/aggregate", new JsonObject());
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (JsonElement e : rpc.call("account/list", new JsonObject()).getAsJsonArray("items")) {
            byStatus.merge(Fields.text(e.getAsJsonObject(), "status", "unknown"), 1, Integer::sum);
        }
        JsonObject today = rpc.call("requestlog/summary", todayParams());
        if (connection.json) {
            JsonObject out = new JsonObject();
            out.addProperty("baseUrl", rpc.baseUrl());
            out.add("service", service);
            JsonObject statuses = new JsonObject();
            byStatus.forEach(statuses::addProperty);
            out.add("accountsByStatus", statuses);
            out.add("pool", pool);
            today.remove("buckets");
            out.add("today", today);
            connection.printJson(context, out);
            return 0;
        }
        var out = context.out();
        out.println("Service   " + rpc.baseUrl() + "  version " + Fields.text(service, "version", "?") + "  data dir "
                + Fields.text(service, "dataDir", "?"));
        int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
        out.println("Accounts  " + total + " (" + (byStatus.isEmpty() ? "none yet" : String.join(", ",
                byStatus.entrySet().stream().map(en -> en.getValue() + " " + en.getKey()).toList())) + ")");
        out.printf(Locale.ROOT, "Usable    %d available, %d 5-hour window only, %d exhausted, %d unknown "
                        + "(disabled accounts not counted)%n", Fields.number(pool, "availableCount"),
                Fields.number(pool, "primaryOnlyCount"), Fields.number(pool, "unavailableCount"),
                Fields.number(pool, "totalAccounts") - Fields.number(pool, "availableCount")
                        - Fields.number(pool, "primaryOnlyCount") - Fields.number(pool, "unavailableCount"));
        out.println("Pool left 5h " + remaining(pool, "primaryRemainingPercent", "primaryAccounts") + ", 7d "
                + remaining(pool, "secondaryRemainingPercent", "secondaryAccounts"));
        JsonElement rate = today.get("successRate");
        out.printf(Locale.ROOT, "Today     %d requests%s, %d tokens (%d in, %d out)%n", Fields.number(today, "requests"),
                rate == null || rate.isJsonNull() ? "" : String.format(Locale.ROOT, ", %.1f%% ok",
                        rate.getAsDouble() * 100), Fields.number(today, "totalTokens"),
                Fields.number(today, "inputTokens"), Fields.number(today, "outputTokens"));
        out.flush();
        return 0;
    }

    private JsonObject todayParams() {
        ZoneId zone = context.clock().getZone();
        Instant now = context.clock().instant();
        ZonedDateTime midnight = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        JsonObject params = new JsonObject();
        params.addProperty("from", midnight.toEpochSecond());
        params.addProperty("to", now.getEpochSecond() + 1);
        params.addProperty("bucket", "hour");
        params.addProperty("utcOffsetMinutes", zone.getRules().getOffset(now).getTotalSeconds() / 60);
        return params;
    }

    private static String remaining(JsonObject pool, String percent, String accounts) {
        JsonElement value = pool.get(percent);
        return value == null || value.isJsonNull() ? "unknown" : value.getAsInt() + "% (over "
                + Fields.number(pool, accounts) + " account" + (Fields.number(pool, accounts) == 1 ? "" : "s") + ")";
    }
}
