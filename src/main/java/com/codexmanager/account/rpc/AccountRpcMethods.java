package com.codexmanager.account.rpc;

import static com.codexmanager.account.rpc.AccountRpcErrors.guard;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountPatch;
import com.codexmanager.account.AccountProxies;
import com.codexmanager.config.ProxyUrl;
import com.codexmanager.account.AccountQuery;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.json.Json;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code account/list}, {@code read}, {@code update}, {@code updateSorts}, {@code delete}, {@code deleteMany}.
 * Results never contain token text. Stateless apart from the service.
 */
final class AccountRpcMethods {
    static final int MAX_PAGE_SIZE = 500;

    private final AccountService accounts;
    private final AccountProxies proxies;
    private final List<AccountListExtension> listExtensions;

    private AccountRpcMethods(AccountService accounts, AccountProxies proxies,
            List<AccountListExtension> listExtensions) {
        this.accounts = accounts;
        this.proxies = proxies;
        this.listExtensions = listExtensions;
    }

    /** {@code listExtensions} is read on every {@code account/list} call, so later additions take effect. */
    static void register(RpcRegistry registry, AccountService accounts, AccountProxies proxies,
            List<AccountListExtension> listExtensions) {
        AccountRpcMethods m = new AccountRpcMethods(accounts, proxies, listExtensions);
        registry.register(new RpcMethod("account/list", "Accounts in pool order, filtered and paged; "
                + "without page/pageSize every match is returned.", List.of(
                RpcParam.optional("query", "string", "text matched against label, email, ids, note and tags"),
                RpcParam.optional("groupFilter", "string", "exact group name"),
                RpcParam.optional("groupName", "string", "alias of groupFilter"),
                RpcParam.optional("statusFilter", "any", "status or list of statuses; \"all\" keeps every status"),
                RpcParam.optional("page", "integer", "page number, from 1"),
                RpcParam.optional("pageSize", "integer", "items per page, 1.." + MAX_PAGE_SIZE)),
                guard(m::list)));
        registry.register(new RpcMethod("account/read", "One account.", List.of(
                RpcParam.required("accountId", "string", "account id")), guard(m::read)));
        registry.register(new RpcMethod("account/update", "Changes label, group, tags, note, sort, status "
                + "(active/disabled) or the account's own proxy. A present null groupName, note or proxyUrl clears "
                + "it.", List.of(
                RpcParam.required("accountId", "string", "account id"),
                RpcParam.optional("label", "string", "display name"),
                RpcParam.optional("groupName", "string", "group; null clears"),
                RpcParam.optional("tags", "any", "array of strings or comma-separated string"),
                RpcParam.optional("note", "string", "free text; null clears"),
                RpcParam.optional("sort", "integer", "position in the pool order"),
                RpcParam.optional("status", "string", "active or disabled"),
                RpcParam.optional("proxyUrl", "string", "the account's own upstream proxy (http://, socks5:// or "
                        + "socks5h://[user:password@]host:port) for its gateway, usage and refresh "
                        + "calls; null or empty: the global proxy; a password of *** keeps the stored one")),
                guard(m::update)));
        registry.register(new RpcMethod("account/updateSorts", "Sets many sorts in one transaction: either "
                + "accountIds (ordered; sort = position) or items [{accountId, sort}].", List.of(
                RpcParam.optional("accountIds", "array", "ids in the new order"),
                RpcParam.optional("items", "array", "[{accountId, sort}]")), guard(m::updateSorts)));
        registry.register(new RpcMethod("account/delete", "Deletes one account and its tokens.", List.of(
                RpcParam.required("accountId", "string", "account id")), guard(m::delete)));
        registry.register(new RpcMethod("account/deleteMany", "Deletes several accounts in one transaction.",
                List.of(RpcParam.required("accountIds", "array", "account ids")), guard(m::deleteMany)));
    }

    private Object list(RpcParams p) {
        List<String> statuses = statuses(p);
        String group = p.optionalString("groupFilter").or(() -> p.optionalString("groupName")).orElse(null);
        if (group != null && (group.isBlank() || group.equalsIgnoreCase("all"))) {
            group = null;
        }
        boolean paged = p.has("page") || p.has("pageSize");
        int page = p.intInRange("page", 1, 1, Integer.MAX_VALUE);
        int pageSize = paged ? p.intInRange("pageSize", 20, 1, MAX_PAGE_SIZE) : Integer.MAX_VALUE;
        var result = accounts.list(new AccountQuery(p.optionalString("query").orElse(null), group, statuses, page,
                pageSize));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", extend(result.items()));
        out.put("total", result.total());
        out.put("page", page);
        out.put("pageSize", paged ? pageSize : result.items().size());
        return out;
    }

    private Object extend(List<Account> items) {
        if (listExtensions.isEmpty()) {
            return items;
        }
        JsonArray out = new JsonArray();
        List<Map<String, Map<String, Object>>> extras = listExtensions.stream().map(e -> e.fields(items)).toList();
        for (Account account : items) {
            JsonObject item = Json.tree(account).getAsJsonObject();
            for (Map<String, Map<String, Object>> extra : extras) {
                extra.getOrDefault(account.id(), Map.of()).forEach((name, value) -> {
                    if (!item.has(name)) {
                        item.add(name, Json.tree(value));
                    }
                });
            }
            out.add(item);
        }
        return out;
    }

    private static List<String> statuses(RpcParams p) {
        if (!p.has("statusFilter")) {
            return List.of();
        }
        JsonElement raw = p.raw().get("statusFilter");
        List<String> names = new ArrayList<>();
        if (raw.isJsonArray()) {
            for (JsonElement e : raw.getAsJsonArray()) {
                if (!e.isJsonPrimitive()) {
                    throw RpcException.invalidParams("statusFilter", "must be a string or an array of strings");
                }
                names.add(e.getAsString());
            }
        } else if (raw.isJsonPrimitive()) {
            names.addAll(List.of(raw.getAsString().split(",")));
        } else {
            throw RpcException.invalidParams("statusFilter", "must be a string or an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (name.isBlank() || name.trim().equalsIgnoreCase("all")) {
                return List.of();
            }
            out.add(AccountStatus.parse(name).orElseThrow(() -> RpcException.invalidParams("statusFilter",
                    "unknown status '" + name.trim() + "' (active, disabled, limited, unavailable, banned)"))
                    .wireName());
        }
        return out;
    }

    private Object read(RpcParams p) {
        return accounts.require(p.nonBlank("accountId"));
    }

    private Object update(RpcParams p) {
        String id = p.nonBlank("accountId");
        AccountStatus status = p.optionalString("status").map(s -> AccountStatus.parse(s).orElseThrow(
                () -> RpcException.invalidParams("status", "must be active or disabled"))).orElse(null);
        Integer sort = p.optionalLong("sort").map(v -> toInt("sort", v)).orElse(null);
        AccountPatch patch = new AccountPatch(p.optionalString("label").orElse(null), p.present("groupName"),
                p.optionalString("groupName").orElse(null), AccountRpcParams.tags(p, "tags"), p.present("note"),
                p.optionalString("note").orElse(null), sort, status);
        String proxy = p.optionalString("proxyUrl").orElse(null);
        if (proxy != null) {
            try {
                ProxyUrl.parse(proxy); // refuse a bad URL before anything changes
            } catch (IllegalArgumentException e) {
                throw RpcException.invalidParams("proxyUrl", e.getMessage());
            }
        }
        Account updated = accounts.update(id, patch);
        if (p.present("proxyUrl")) {
            proxies.set(id, proxy);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        out.put("account", updated);
        out.put("proxyUrl", proxies.display(id));
        return out;
    }

    private Object updateSorts(RpcParams p) {
        Map<String, Integer> sorts = new LinkedHashMap<>();
        p.optionalStrings("accountIds").ifPresent(ids -> {
            for (int i = 0; i < ids.size(); i++) {
                sorts.put(ids.get(i), i);
            }
        });
        if (p.has("items")) {
            JsonArray items = p.raw().getAsJsonArray("items");
            for (int i = 0; i < items.size(); i++) {
                String field = "items[" + i + "]";
                if (!items.get(i).isJsonObject()) {
                    throw RpcException.invalidParams(field, "must be an object {accountId, sort}");
                }
                RpcParams item = new RpcParams(items.get(i).getAsJsonObject());
                sorts.put(nested(field, () -> item.nonBlank("accountId")),
                        toInt(field + ".sort", nested(field, () -> item.number("sort"))));
            }
        }
        if (sorts.isEmpty()) {
            throw RpcException.invalidParams("accountIds", "give accountIds or items");
        }
        accounts.updateSorts(sorts);
        return Map.of("ok", true, "updated", sorts.size());
    }

    private static <T> T nested(String prefix, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RpcException e) {
            JsonObject data = new JsonObject();
            data.addProperty("field", prefix);
            throw new RpcException(e.code(), prefix + "." + e.getMessage(), data);
        }
    }

    private static int toInt(String field, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw RpcException.invalidParams(field, "is out of range");
        }
        return (int) value;
    }

    private Object delete(RpcParams p) {
        String id = p.nonBlank("accountId");
        if (!accounts.delete(id)) {
            throw RpcException.notFound("account", id);
        }
        return Map.of("ok", true, "accountId", id);
    }

    private Object deleteMany(RpcParams p) {
        List<String> ids = p.strings("accountIds");
        var result = accounts.deleteMany(ids);
        List<Map<String, String>> errors = result.notFoundAccountIds().stream()
                .map(id -> Map.of("accountId", id, "message", "account not found")).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requested", result.requested());
        out.put("deleted", result.deleted());
        out.put("failed", errors.size());
        out.put("deletedAccountIds", result.deletedAccountIds());
        out.put("errors", errors);
        return out;
    }
}
