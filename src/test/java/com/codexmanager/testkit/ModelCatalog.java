package com.codexmanager.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code /models} catalogue (codex-protocol.md §4.2, §4.3) per plan, and its ETag. By default free plans lack
 * {@code gpt-5.6-sol}, {@code gpt-5.4} and {@code gpt-5.3-codex-spark}; a test can give any plan its own list
 * ({@link #setPlanModels}), including names this catalogue does not know (a later, renamed catalogue). Thread-safe:
 * the per-plan lists are in a concurrent map and the ETag generation is atomic. The
 * {@code minimal_client_version} values and the per-plan lists are inferred.
 */
final class ModelCatalog {
    private static final List<String> PAID_PLANS = List.of("plus", "pro", "team", "business", "enterprise", "edu");
    private static final List<String> ALL_PLANS = List.of("free", "go", "plus", "pro", "team", "business",
            "enterprise", "edu");

    record Model(String slug, String displayName, String description, String minimalClientVersion, int priority,
            long contextWindow, boolean hidden, boolean supportedInApi, boolean onFreePlan) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("gpt-5.6-sol", "GPT-5.6 Sol", "Most capable model for long agentic coding.", "0.140.0", 1,
                    372_000, false, true, false),
            new Model("gpt-5.6-terra", "GPT-5.6 Terra", "Balanced model for everyday coding.", "0.140.0", 2,
                    372_000, false, true, true),
            new Model("gpt-5.6-luna", "GPT-5.6 Luna", "Fast model for quick edits.", "0.140.0", 3,
                    272_000, false, true, true),
            new Model("gpt-5.5", "GPT-5.5", "Frontier model for complex coding.", "0.124.0", 4,
                    272_000, false, true, true),
            new Model("gpt-5.4", "GPT-5.4", "Previous frontier model.", "0.110.0", 5, 272_000, false, true, false),
            new Model("gpt-5.4-mini", "GPT-5.4 Mini", "Small and fast.", "0.110.0", 6, 272_000, false, true, true),
            new Model("gpt-5.3-codex-spark", "GPT-5.3-Codex-Spark", "Ultra-fast coding model.", "0.100.0", 7,
                    128_000, false, false, false),
            new Model("codex-auto-review", "Codex Auto Review", "Reviews changes automatically.", "0.100.0", 8,
                    272_000, true, true, true));

    private final AtomicInteger generation = new AtomicInteger(1);
    private volatile boolean listUnavailable;
    private final Map<String, List<Model>> planOverrides = new ConcurrentHashMap<>();

    /**
     * Gives {@code plan} exactly these models, best first: known slugs keep their definition, other names get a
     * plain one (listed, callable through the API). Moves the ETag on.
     */
    void setPlanModels(String plan, List<String> slugs) {
        List<Model> models = new java.util.ArrayList<>();
        for (int i = 0; i < slugs.size(); i++) {
            String slug = slugs.get(i);
            int priority = i + 1;
            Model known = MODELS.stream().filter(m -> m.slug().equals(slug)).findFirst().orElse(null);
            models.add(known != null ? new Model(known.slug(), known.displayName(), known.description(),
                    known.minimalClientVersion(), priority, known.contextWindow(), known.hidden(),
                    known.supportedInApi(), true)
                    : new Model(slug, slug, "A model of a later catalogue.", "0.100.0", priority, 272_000, false,
                            true, true));
        }
        planOverrides.put(plan.toLowerCase(Locale.ROOT), List.copyOf(models));
        bump();
    }

    /** While on, {@code GET /models} answers 404, as an upstream (or a relay) without that endpoint does. */
    void listUnavailable(boolean unavailable) {
        this.listUnavailable = unavailable;
    }

    boolean listUnavailable() {
        return listUnavailable;
    }

    /** The models a plan offers, best first. */
    List<Model> modelsFor(String planType) {
        String plan = planType.toLowerCase(Locale.ROOT);
        List<Model> override = planOverrides.get(plan);
        if (override != null) {
            return override;
        }
        boolean free = plan.equals("free");
        return MODELS.stream().filter(model -> !free || model.onFreePlan()).toList();
    }

    /** Whether accounts of {@code planType} may use {@code slug}. */
    boolean offers(String planType, String slug) {
        return modelsFor(planType).stream().anyMatch(model -> model.slug().equals(slug));
    }

    /** The catalogue version, sent as {@code ETag} on {@code /models} and {@code x-models-etag} elsewhere. */
    String etag() {
        return "\"fake-models-" + generation.get() + "\"";
    }

    /** Pretends the catalogue changed: the ETag moves on. */
    String bump() {
        generation.incrementAndGet();
        return etag();
    }

    /**
     * {@code {"models":[…]}} for a plan.
     *
     * @param clientVersion nullable; when present, entries whose {@code minimal_client_version} is newer are
     *     left out
     */
    JsonObject catalogue(String planType, String clientVersion) {
        JsonArray models = new JsonArray();
        for (Model model : modelsFor(planType)) {
            boolean versionOk = clientVersion == null
                    || compareVersions(clientVersion, model.minimalClientVersion()) >= 0;
            if (versionOk) {
                models.add(toJson(model));
            }
        }
        return Json.obj("models", models);
    }

    private static JsonObject toJson(Model model) {
        return Json.obj(
                "slug", model.slug(),
                "display_name", model.displayName(),
                "description", model.description(),
                "default_reasoning_level", "medium",
                "supported_reasoning_levels", Json.arr(
                        Json.obj("effort", "low", "description", "Fast responses with lighter reasoning"),
                        Json.obj("effort", "medium", "description", "Balances speed and reasoning depth"),
                        Json.obj("effort", "high", "description", "Greater reasoning depth"),
                        Json.obj("effort", "xhigh", "description", "Extra high reasoning depth")),
                "shell_type", "shell_command",
                "visibility", model.hidden() ? "hide" : "list",
                "minimal_client_version", model.minimalClientVersion(),
                "supported_in_api", model.supportedInApi(),
                "priority", model.priority(),
                "availability_nux", null,
                "upgrade", null,
                "base_instructions", "You are Codex, a coding agent.",
                "supports_reasoning_summaries", true,
                "default_reasoning_summary", "none",
                "support_verbosity", true,
                "default_verbosity", "low",
                "apply_patch_tool_type", "freeform",
                "web_search_tool_type", "text_and_image",
                "truncation_policy", Json.obj("mode", "tokens", "limit", 10_000),
                "supports_parallel_tool_calls", true,
                "context_window", model.contextWindow(),
                "input_modalities", Json.arr("text", "image"),
                "experimental_supported_tools", Json.arr(),
                "supports_search_tool", true,
                "available_in_plans", model.onFreePlan() ? ALL_PLANS : PAID_PLANS);
    }

    /** Compares dotted numeric versions; a part that is not a number counts as 0. */
    static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int difference = Integer.compare(part(a, i), part(b, i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index].replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
