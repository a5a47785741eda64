package com.codexmanager.account.exporting;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountTokens;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders accounts with their tokens into the export formats. Every format is read back by
 * {@code account/import}. Stateless.
 */
final class ExportCodecs {
    static final String FORMAT_NAME = "codexmanager.accounts";
    private static final Gson PRETTY = com.codexmanager.json.Json.GSON.newBuilder().setPrettyPrinting().create();

    private ExportCodecs() {
    }

    /** An account whose tokens could be read. */
    record Entry(Account account, AccountTokens tokens) {
        @Override
        public String toString() {
            return "Entry[" + account.id() + "]";
        }
    }

    static List<ExportFile> render(ExportFormat format, List<Entry> entries, Instant now) {
        return switch (format) {
            case CODEXMANAGER -> List.of(new ExportFile("codexmanager-accounts.json", ours(entries, now)));
            case CODEX -> perAccount(entries, "auth-", ExportCodecs::codexAuthJson);
            case CLIPROXYAPI -> perAccount(entries, "codex-", ExportCodecs::cliProxyApi);
        };
    }

    private static String ours(List<Entry> entries, Instant now) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT_NAME);
        root.addProperty("version", 1);
        root.addProperty("exportedAt", rfc3339(now));
        JsonArray accounts = new JsonArray();
        for (Entry e : entries) {
            Account a = e.account();
            JsonObject item = new JsonObject();
            item.add("tokens", tokens(e));
            JsonObject meta = new JsonObject();
            meta.addProperty("label", a.label());
            meta.addProperty("email", a.email());
            meta.addProperty("chatgptAccountId", a.chatgptAccountId());
            meta.addProperty("userId", a.userId());
            meta.addProperty("workspaceId", a.workspaceId());
            meta.addProperty("planType", a.planType());
            meta.addProperty("groupName", a.groupName());
            JsonArray tags = new JsonArray();
            a.tags().forEach(tags::add);
            meta.add("tags", tags);
            meta.addProperty("note", a.note());
            meta.addProperty("sort", a.sort());
            meta.addProperty("status", a.status().wireName());
            meta.addProperty("lastRefreshAt", rfc3339(a.lastRefreshAt()));
            item.add("meta", meta);
            accounts.add(item);
        }
        root.add("accounts", accounts);
        return PRETTY.toJson(root);
    }

    private static String codexAuthJson(Entry e) {
        JsonObject root = new JsonObject();
        root.addProperty("auth_mode", "chatgpt");
        root.add("OPENAI_API_KEY", JsonNull.INSTANCE);
        root.add("tokens", tokens(e));
        root.addProperty("last_refresh", rfc3339(e.account().lastRefreshAt()));
        return PRETTY.toJson(root);
    }

    private static String cliProxyApi(Entry e) {
        JsonObject root = new JsonObject();
        root.addProperty("type", "codex");
        root.addProperty("id_token", e.tokens().idToken());
        root.addProperty("access_token", e.tokens().accessToken());
        root.addProperty("refresh_token", e.tokens().refreshToken());
        root.addProperty("account_id", e.account().chatgptAccountId());
        root.addProperty("email", e.account().email());
        root.addProperty("last_refresh", rfc3339(e.account().lastRefreshAt()));
        root.addProperty("expired", rfc3339(e.account().accessTokenExpiresAt()));
        return PRETTY.toJson(root);
    }

    private static JsonObject tokens(Entry e) {
        JsonObject tokens = new JsonObject();
        tokens.addProperty("id_token", e.tokens().idToken());
        tokens.addProperty("access_token", e.tokens().accessToken());
        tokens.addProperty("refresh_token", e.tokens().refreshToken());
        tokens.addProperty("account_id", e.account().chatgptAccountId());
        return tokens;
    }

    private static List<ExportFile> perAccount(List<Entry> entries, String prefix,
            java.util.function.Function<Entry, String> render) {
        List<ExportFile> files = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Entry e : entries) {
            String base = prefix + safe(e.account().email() != null ? e.account().email() : e.account().label())
                    + "-" + safe(e.account().id());
            String name = base + ".json";
            for (int n = 2; !used.add(name); n++) {
                name = base + "_" + n + ".json";
            }
            files.add(new ExportFile(name, render.apply(e)));
        }
        return files;
    }

    private static String safe(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._@-]", "_");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }

    private static String rfc3339(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
