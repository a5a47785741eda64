package com.codexmanager.account.importing;

import com.codexmanager.account.AccountDraft;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.function.Consumer;

/**
 * Splits import contents into items and parses each one. A content string is either JSON (one object, an array,
 * or a stream of concatenated values) or plain lines, each holding one access token. Containers with an
 * {@code accounts} array (our export, sub2api exports) are unpacked; sub2api entries for other platforms or types
 * are skipped, not failed. Items are numbered from 0 across all contents, in order, and handed to the sink one by
 * one, so memory stays proportional to one item. Single-thread use.
 */
public final class ImportReader {
    /** One numbered item: a draft, or the reason it could not be read. */
    public record Item(int index, AccountDraft draft, String error) {
        public boolean ok() {
            return draft != null;
        }
    }

    private final Consumer<Item> sink;
    private int next;
    private int skipped;

    public ImportReader(Consumer<Item> sink) {
        this.sink = sink;
    }

    /** Reads one content string. */
    public void read(String content) {
        String text = content.strip();
        if (text.isEmpty()) {
            return;
        }
        if (text.charAt(0) == '{' || text.charAt(0) == '[') {
            readJson(text);
        } else {
            readLines(text);
        }
    }

    /** Items handed to the sink so far. */
    public int total() {
        return next;
    }

    /** Entries of other platforms found in sub2api exports (not counted as items). */
    public int skipped() {
        return skipped;
    }

    private void readJson(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.LENIENT);
            while (reader.peek() != JsonToken.END_DOCUMENT) {
                value(JsonParser.parseReader(reader));
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            fail("invalid JSON: " + describe(e));
        }
    }

    private void value(JsonElement element) {
        if (element.isJsonArray()) {
            for (JsonElement e : element.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    object(e.getAsJsonObject(), false);
                } else {
                    fail("array element is not a JSON object");
                }
            }
        } else if (element.isJsonObject()) {
            object(element.getAsJsonObject(), false);
        } else {
            fail("expected a JSON object or array");
        }
    }

    private void object(JsonObject object, boolean fromSub2api) {
        JsonElement accounts = object.get("accounts");
        if (accounts != null && accounts.isJsonArray() && !object.has("tokens") && !hasAccessToken(object)) {
            boolean sub2api = "sub2api-data".equals(text(object, "type")) || object.has("exported_at")
                    || object.has("proxies");
            JsonArray list = accounts.getAsJsonArray();
            for (JsonElement e : list) {
                if (e.isJsonObject()) {
                    object(e.getAsJsonObject(), sub2api);
                } else {
                    fail("accounts element is not a JSON object");
                }
            }
            return;
        }
        if (object.has("platform") && !isOpenAiOauth(object)) {
            skipped++;
            return;
        }
        if (fromSub2api && !object.has("platform")) {
            skipped++;
            return;
        }
        int index = next++;
        try {
            sink.accept(new Item(index, ImportItemParser.parse(object), null));
        } catch (IllegalArgumentException e) {
            sink.accept(new Item(index, null, e.getMessage()));
        }
    }

    private static boolean hasAccessToken(JsonObject object) {
        return object.has("access_token") || object.has("accessToken");
    }

    private static boolean isOpenAiOauth(JsonObject object) {
        return "openai".equalsIgnoreCase(text(object, "platform")) && "oauth".equalsIgnoreCase(text(object, "type"));
    }

    private static String text(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private void readLines(String text) {
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int index = next++;
            try {
                sink.accept(new Item(index, ImportItemParser.parseLine(trimmed), null));
            } catch (IllegalArgumentException e) {
                sink.accept(new Item(index, null, e.getMessage()));
            }
        }
    }

    private void fail(String message) {
        sink.accept(new Item(next++, null, message));
    }

    /** Gson's message names the position; strip anything after it that could echo input. */
    private static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf(" at line ");
        if (at >= 0) {
            int end = message.indexOf(' ', message.indexOf("column", at) + 7);
            return "malformed JSON" + message.substring(at, end < 0 ? message.length() : end);
        }
        return "malformed JSON";
    }
}
