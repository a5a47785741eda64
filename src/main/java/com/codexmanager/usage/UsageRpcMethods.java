package com.codexmanager.usage;

import com.codexmanager.account.AccountNotFoundException;
import com.codexmanager.auth.TokenRefreshException;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.rpc.RpcErrorCode;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcMethod.RpcHandler;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code account/usage/read|list|aggregate|history|refresh} and {@code job/status}. Stateless apart from the
 * services it calls.
 */
final class UsageRpcMethods {
    static final int MAX_HISTORY_POINTS = 20_000;

    private final UsageService usage;
    private final UsageRefreshJobs jobs;
    private final Supplier<Settings> settings;

    private UsageRpcMethods(UsageService usage, UsageRefreshJobs jobs, Supplier<Settings> settings) {
        this.usage = usage;
        this.jobs = jobs;
        this.settings = settings;
    }

    static void register(RpcRegistry registry, UsageService usage, UsageRefreshJobs jobs,
            Supplier<Settings> settings, UsageForecaster forecaster) {
        UsageRpcMethods m = new UsageRpcMethods(usage, jobs, settings);
        RpcParam accountId = RpcParam.required("accountId", "string", "account id");
        registry.register(new RpcMethod("account/usage/read", "Latest usage of one account with its availability "
                + "(available, primary_window_available_only, unavailable, unknown).", List.of(accountId),
                guard(m::read)));
        registry.register(new RpcMethod("account/usage/list", "Latest usage of every account, in pool order.",
                List.of(), guard(p -> Map.of("items", usage.reports()))));
        registry.register(new RpcMethod("account/usage/aggregate", "Pool remaining % of the 5-hour and weekly "
                + "windows over the accounts that are not disabled, with known/unknown and availability counts.",
                List.of(), guard(p -> usage.aggregate())));
        registry.register(new RpcMethod("account/usage/forecast", "For each account and the whole pool: the burn "
                + "rate of the last hour (requests and tokens from the request log) and when each usage window runs "
                + "out at that rate; pool.hoursLeft is how long the pool lasts (null without traffic).", List.of(),
                guard(p -> forecaster.forecast())));
        registry.register(new RpcMethod("account/usage/history", "Stored snapshots of one account, oldest first.",
                List.of(accountId,
                        RpcParam.optional("from", "integer", "Unix seconds; default: USAGE_HISTORY_DAYS ago"),
                        RpcParam.optional("to", "integer", "Unix seconds; default: now"),
                        RpcParam.optional("limit", "integer", "most points returned, 1.." + MAX_HISTORY_POINTS)),
                guard(m::history)));
        registry.register(new RpcMethod("account/usage/refresh", "With accountId: fetches that account's usage now "
                + "and returns it. Without: starts a job over every active or limited account and returns {jobId} "
                + "(the running job when one is running); follow it with job/status.",
                List.of(RpcParam.optional("accountId", "string", "account id; absent = all")), guard(m::refresh)));
        registry.register(new RpcMethod("job/status", "Progress of a background job: {jobId, done, total, failed, "
                + "running}; done counts failures too.", List.of(RpcParam.required("jobId", "string", "job id")),
                guard(m::jobStatus)));
    }

    private Object read(RpcParams p) {
        return usage.report(p.nonBlank("accountId"));
    }

    private Object history(RpcParams p) {
        String id = p.nonBlank("accountId");
        Instant now = usage.clock().instant();
        Instant to = p.optionalEpochSeconds("to").orElse(now);
        Instant from = p.optionalEpochSeconds("from")
                .orElse(to.minus(Duration.ofDays(settings.get().number(Setting.USAGE_HISTORY_DAYS))));
        if (from.isAfter(to)) {
            throw RpcException.invalidParams("from", "must not be after to");
        }
        int limit = p.intInRange("limit", MAX_HISTORY_POINTS, 1, MAX_HISTORY_POINTS);
        List<UsageReport> items = usage.history(id, from, to, limit).stream()
                .map(s -> UsageReport.of(id, s, s.capturedAt())).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", id);
        out.put("from", from);
        out.put("to", to);
        out.put("items", items);
        return out;
    }

    private Object refresh(RpcParams p) {
        if (p.has("accountId")) {
            String id = p.nonBlank("accountId");
            usage.refresh(id);
            return usage.report(id);
        }
        return jobs.startAll();
    }

    private Object jobStatus(RpcParams p) {
        String id = p.nonBlank("jobId");
        return jobs.status(id).orElseThrow(() -> RpcException.notFound("job", id));
    }

    /** Turns the usage failure families into JSON-RPC errors with stable codes. */
    private static RpcHandler guard(RpcHandler handler) {
        return params -> {
            try {
                return handler.handle(params);
            } catch (AccountNotFoundException e) {
                throw new RpcException(RpcErrorCode.NOT_FOUND, e.getMessage());
            } catch (UsageFetchException e) {
                JsonObject data = new JsonObject();
                data.addProperty("reason", e.reason().code());
                data.addProperty("httpStatus", e.httpStatus());
                boolean notRefreshable = e.getCause() instanceof TokenRefreshException t
                        && t.kind() != TokenRefreshException.Kind.TRANSIENT;
                if (e.getCause() instanceof TokenRefreshException t) {
                    data.addProperty("tokenReason", t.reason());
                }
                throw new RpcException(notRefreshable ? RpcErrorCode.INVALID_STATE : RpcErrorCode.UPSTREAM_ERROR,
                        e.getMessage(), data);
            }
        };
    }
}
