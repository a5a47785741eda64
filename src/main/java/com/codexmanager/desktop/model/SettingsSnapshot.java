package com.codexmanager.desktop.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code appSettings/get} (or {@code appSettings/set}) result: the raw values and the items. Immutable. */
public record SettingsSnapshot(JsonObject values, List<SettingItem> items) {
    public SettingsSnapshot {
        values = values.deepCopy();
        items = List.copyOf(items);
    }

    public static SettingsSnapshot from(JsonObject result) {
        List<SettingItem> items = new ArrayList<>();
        if (result.has("settings") && result.get("settings").isJsonArray()) {
            for (JsonElement e : result.getAsJsonArray("settings")) {
                items.add(SettingItem.from(e.getAsJsonObject()));
            }
        }
        JsonObject values = result.has("values") && result.get("values").isJsonObject()
                ? result.getAsJsonObject("values") : new JsonObject();
        return new SettingsSnapshot(values, items);
    }

    public Optional<SettingItem> item(String key) {
        return items.stream().filter(i -> i.key().equals(key)).findFirst();
    }

    @Override
    public JsonObject values() {
        return values.deepCopy();
    }
}
