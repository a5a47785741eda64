package com.codexmanager.account.rpc;

import static com.codexmanager.account.rpc.AccountRpcErrors.guard;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.account.exporting.AccountExporter;
import com.codexmanager.account.exporting.ExportFormat;
import com.codexmanager.account.importing.AccountImporter;
import com.codexmanager.account.importing.ImportProgress;
import com.codexmanager.auth.FreshToken;
import com.codexmanager.auth.TokenRefreshException;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.auth.TokenRefresher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code account/import}, {@code account/import/progress}, {@code account/export} and {@code account/refreshTokens}.
 * Only {@code account/export} returns token text: it is an explicit, secret-bearing export. Thread-safe.
 */
final class AccountTransferRpcMethods {
    private static final int KEPT_PROGRESS = 32;

    private final AccountService accounts;
    private final AccountImporter importer;
    private final AccountExporter exporter;
    private final TokenRefresher refresher;
    private final Supplier<Settings> settings;
    private final Map<String, ImportProgress> progress = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ImportProgress> eldest) {
                    return size() > KEPT_PROGRESS;
                }
            });

    private AccountTransferRpcMethods(AccountService accounts, AccountImporter importer, AccountExporter exporter,
            TokenRefresher refresher, Supplier<Settings> settings) {
        this.accounts = accounts;
        this.importer = importer;
        this.exporter = exporter;
        this.refresher = refresher;
        this.settings = settings;
    }

    static void register(RpcRegistry registry, AccountService accounts, AccountImporter importer,
            AccountExporter exporter, TokenRefresher refresher, Supplier<Settings> settings) {
        AccountTransferRpcMethods m = new AccountTransferRpcMethods(accounts, importer, exporter, refresher,
                settings);
        registry.register(new RpcMethod("account/import", "Imports accounts from auth.json, token objects, our "
                + "export, CLIProxyAPI, sub2api or ChatGPT session JSON, or lines of access tokens. Returns "
                + "{total, created, updated, failed, skipped, errors:[{index, message}]}.", List.of(
                RpcParam.optional("contents", "array", "strings, each JSON (object, array, stream) or lines"),
                RpcParam.optional("content", "string", "one more content string"),
                RpcParam.optional("importId", "string", "id to follow progress with account/import/progress")),
                guard(m::importContents)));
        registry.register(new RpcMethod("account/import/progress", "Counters of a running or recent import.",
                List.of(RpcParam.required("importId", "string", "the importId given to account/import")),
                guard(m::progress)));
        registry.register(new RpcMethod("account/export", "Exports accounts WITH their tokens as file contents: "
                + "format codexmanager (default, round-trips), codex (auth.json per account) or cliproxyapi. With "
                + "outputDir the files are also written there, owner-only.", List.of(
                RpcParam.optional("accountIds", "array", "accounts to export; all when absent"),
                RpcParam.optional("format", "string", "codexmanager, codex or cliproxyapi"),
                RpcParam.optional("outputDir", "string", "absolute folder to write the files into")),
                guard(m::export)));
        registry.register(new RpcMethod("account/refreshTokens", "Refreshes the tokens of one account now, or of "
                + "every active account when accountId is absent.", List.of(
                RpcParam.optional("accountId", "string", "account id")), guard(m::refreshTokens)));
    }

    private Object importContents(RpcParams p) {
        List<String> contents = new ArrayList<>(p.optionalStrings("contents").orElse(List.of()));
        p.optionalString("content").ifPresent(contents::add);
        if (!p.has("contents") && !p.has("content")) {
            throw RpcException.invalidParams("contents", "is required");
        }
        String importId = p.optionalString("importId").map(String::trim).filter(s -> !s.isEmpty())
                .orElseGet(() -> "import_" + UUID.randomUUID());
        if (importId.length() > 128) {
            throw RpcException.invalidParams("importId", "must be at most 128 characters");
        }
        progress.put(importId, new ImportProgress(importId, 0, 0, 0, 0, false));
        var result = importer.importContents(importId, contents,
                settings.get().integer(Setting.ACCOUNT_IMPORT_BATCH_SIZE), pr -> progress.put(importId, pr));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("importId", importId);
        out.put("total", result.total());
        out.put("created", result.created());
        out.put("updated", result.updated());
        out.put("failed", result.failed());
        out.put("skipped", result.skipped());
        out.put("errors", result.errors());
        out.put("errorsTruncated", result.errorsTruncated());
        out.put("accountIds", result.accountIds());
        return out;
    }

    private Object progress(RpcParams p) {
        String id = p.nonBlank("importId");
        ImportProgress current = progress.get(id);
        if (current == null) {
            throw RpcException.notFound("import", id);
        }
        return current;
    }

    private Object export(RpcParams p) {
        ExportFormat format = p.optionalString("format").map(f -> ExportFormat.parse(f).orElseThrow(
                () -> RpcException.invalidParams("format", "must be codexmanager, codex or cliproxyapi")))
                .orElse(ExportFormat.CODEXMANAGER);
        Path outputDir = p.optionalString("outputDir").map(d -> {
            Path path = Path.of(d.trim());
            if (d.isBlank() || !path.isAbsolute()) {
                throw RpcException.invalidParams("outputDir", "must be an absolute path");
            }
            return path;
        }).orElse(null);
        return exporter.export(p.optionalStrings("accountIds").orElse(List.of()), format, outputDir);
    }

    private Object refreshTokens(RpcParams p) {
        if (p.has("accountId")) {
            String id = p.nonBlank("accountId");
            FreshToken token = refresher.refresh(id, "manual");
            return result(accounts.require(id), true, null, token);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int refreshed = 0;
        for (Account account : accounts.all()) {
            if (account.status() != AccountStatus.ACTIVE && account.status() != AccountStatus.LIMITED
                    || !account.hasRefreshToken()) {
                continue;
            }
            try {
                FreshToken token = refresher.refresh(account.id(), "manual_all");
                results.add(result(accounts.require(account.id()), true, null, token));
                refreshed++;
            } catch (TokenRefreshException e) {
                results.add(result(accounts.require(account.id()), false, e.reason(), null));
            } catch (SecretUnavailableException e) {
                results.add(result(account, false, "secret_unavailable", null));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requested", results.size());
        out.put("refreshed", refreshed);
        out.put("failed", results.size() - refreshed);
        out.put("results", results);
        return out;
    }

    private static Map<String, Object> result(Account account, boolean ok, String reason, FreshToken token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", account.id());
        out.put("ok", ok);
        out.put("reason", reason);
        out.put("status", account.status());
        out.put("statusReason", account.statusReason());
        out.put("accessTokenExpiresAt", token == null ? account.accessTokenExpiresAt() : token.expiresAt());
        return out;
    }
}
