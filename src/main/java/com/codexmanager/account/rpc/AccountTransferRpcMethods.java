package com.codexmanager.account.rpc;

import static com.codexmanager.account.rpc.AccountRpcErrors.guard;

import com.codexmanager.account.exporting.AccountExporter;
import com.codexmanager.account.exporting.ExportFormat;
import com.codexmanager.account.importing.AccountImporter;
import com.codexmanager.account.importing.ImportProgress;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code account/import}, {@code account/import/progress} and {@code account/export} ({@code account/refreshTokens}
 * belongs to the auth module). Only {@code account/export} returns token text: it is an explicit, secret-bearing
 * export. Thread-safe.
 */
final class AccountTransferRpcMethods {
    private static final int KEPT_PROGRESS = 32;

    private final AccountImporter importer;
    private final AccountExporter exporter;
    private final Supplier<Settings> settings;
    private final Map<String, ImportProgress> progress = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ImportProgress> eldest) {
                    return size() > KEPT_PROGRESS;
                }
            });

    private AccountTransferRpcMethods(AccountImporter importer, AccountExporter exporter,
            Supplier<Settings> settings) {
        this.importer = importer;
        this.exporter = exporter;
        this.settings = settings;
    }

    static void register(RpcRegistry registry, AccountImporter importer, AccountExporter exporter,
            Supplier<Settings> settings) {
        AccountTransferRpcMethods m = new AccountTransferRpcMethods(importer, exporter, settings);
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
}
