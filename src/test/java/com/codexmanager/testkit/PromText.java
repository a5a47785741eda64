package com.codexmanager.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads Prometheus text exposition: each sample line as {@code name{labels}} → value. Immutable. */
public final class PromText {
    private final Map<String, Double> samples;

    private PromText(Map<String, Double> samples) {
        this.samples = Map.copyOf(samples);
    }

    public static PromText parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1).trim()));
        }
        return new PromText(out);
    }

    /** The value of a sample without labels; 0 when absent. */
    public double value(String name) {
        return samples.getOrDefault(name, 0.0);
    }

    /** The sum over every label set of a metric (e.g. requests by status). */
    public double sum(String name) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** The value of the sample whose labels contain {@code label="value"}; 0 when absent. */
    public double labelled(String name, String label, String value) {
        String needle = label + "=\"" + value + "\"";
        return samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains(needle))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
