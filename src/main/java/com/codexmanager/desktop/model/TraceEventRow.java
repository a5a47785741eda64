package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One event of a request's trace, from {@code requestlog/trace}. Immutable; fields keep the trace's order. */
public record TraceEventRow(Instant at, String event, Map<String, String> fields) {
    public TraceEventRow {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static TraceEventRow from(JsonObject o) {
        long millis = Json2.number(o, "tsMillis", Json2.number(o, "ts", 0) * 1000);
        Map<String, String> fields = new LinkedHashMap<>();
        if (o.has("fields") && o.get("fields").isJsonObject()) {
            o.getAsJsonObject("fields").entrySet().forEach(e -> fields.put(e.getKey(),
                    e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
        }
        return new TraceEventRow(Instant.ofEpochMilli(millis), Json2.text(o, "event"), fields);
    }

    /** The fields as {@code key=value} pairs on one line. */
    public String fieldsText() {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace("\n", "\\n"))
                .collect(Collectors.joining("  "));
    }
}
