package com.codexmanager.desktop.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One setting as {@code appSettings/get} describes it. Immutable.
 *
 * @param value the current value as text ({@code ""} when unset; never the value of a secret)
 * @param min   lower bound for integers, or {@code null}
 * @param max   upper bound for integers, or {@code null}
 */
public record SettingItem(String key, String env, String group, String type, String value, String defaultValue,
        boolean isSet, String source, boolean editable, boolean pinnedByEnv, boolean requiresRestart,
        List<String> choices, Long min, Long max, String description) {
    public SettingItem {
        choices = List.copyOf(choices);
    }

    public static SettingItem from(JsonObject o) {
        List<String> choices = new ArrayList<>();
        if (o.has("choices") && o.get("choices").isJsonArray()) {
            o.getAsJsonArray("choices").forEach(c -> choices.add(c.getAsString()));
        }
        return new SettingItem(text(o, "key"), text(o, "env"), text(o, "group"), text(o, "type"), text(o, "value"),
                text(o, "defaultValue"), bool(o, "isSet"), text(o, "source"), bool(o, "editable"),
                bool(o, "pinnedByEnv"), bool(o, "requiresRestart"), choices, number(o, "min"), number(o, "max"),
                text(o, "description"));
    }

    public boolean secret() {
        return "secret".equals(type);
    }

    public boolean bool() {
        return "true".equalsIgnoreCase(value);
    }

    /** Whether the value was saved from the desktop or RPC (so "reset to default" makes sense). */
    public boolean stored() {
        return "stored".equals(source);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && !e.isJsonNull() && e.getAsBoolean();
    }

    private static Long number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsLong();
    }
}
