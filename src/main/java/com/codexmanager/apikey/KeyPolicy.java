package com.codexmanager.apikey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model and reasoning rules of one platform key, applied by the gateway to every request. Immutable.
 *
 * @param modelSlug       the model every request is forced to, or {@code null} to use the client's model
 * @param allowedModels   the models clients may ask for; empty means any
 * @param reasoningEffort the effort every request is forced to, or {@code null} to follow the request
 */
public record KeyPolicy(String modelSlug, List<String> allowedModels, ReasoningEffort reasoningEffort) {
    public static final KeyPolicy OPEN = new KeyPolicy(null, List.of(), null);

    public KeyPolicy {
        allowedModels = List.copyOf(allowedModels);
    }

    /** Where an effective value came from; logged next to it. */
    public enum Source {
        CLIENT, KEY_OVERRIDE
    }

    /** The outcome of {@link #resolveModel}. */
    public sealed interface ModelResolution {
    }

    /** The request may proceed with {@code model}. */
    public record ModelAllowed(String model, Source source) implements ModelResolution {
    }

    /**
     * The request must be refused locally.
     *
     * @param httpStatus what the gateway answers (400 no model, 403 not allowed)
     * @param errorCode  a stable code for the error body and the request log
     * @param message    an English message naming the model; safe to show
     */
    public record ModelRejected(int httpStatus, String errorCode, String message) implements ModelResolution {
    }

    /** The effort to send upstream ({@code null}: send none) and where it came from. */
    public record ReasoningResolution(String effort, Source source) {
    }

    /**
     * Applies the key's model rules: a forced {@link #modelSlug} wins whatever the client asked; otherwise the
     * client's model must be present and, when {@link #allowedModels} is not empty, in that list (compared
     * without case).
     *
     * @param requestedModel the client's {@code model}, or {@code null}/blank when absent
     */
    public ModelResolution resolveModel(String requestedModel) {
        if (modelSlug != null) {
            return new ModelAllowed(modelSlug, Source.KEY_OVERRIDE);
        }
        if (requestedModel == null || requestedModel.isBlank()) {
            return new ModelRejected(400, "model_required", "the request has no model");
        }
        String model = requestedModel.trim();
        if (!allowedModels.isEmpty() && allowedModels.stream().noneMatch(m -> m.equalsIgnoreCase(model))) {
            return new ModelRejected(403, "model_not_allowed", "model '" + model
                    + "' is not allowed for this api key; allowed: " + String.join(", ", allowedModels));
        }
        return new ModelAllowed(model, Source.CLIENT);
    }

    /**
     * The effective reasoning effort: the key's override, else the client's value unchanged.
     *
     * @param clientEffort the client's {@code reasoning.effort}, or {@code null}
     */
    public ReasoningResolution resolveReasoning(String clientEffort) {
        if (reasoningEffort != null) {
            return new ReasoningResolution(reasoningEffort.wireName(), Source.KEY_OVERRIDE);
        }
        return new ReasoningResolution(clientEffort, Source.CLIENT);
    }

    /**
     * The models this key may use: the forced model alone, else the allowed list, else the whole catalogue.
     * Display names come from the catalogue when it knows the slug.
     */
    public List<ModelCatalog.ModelInfo> permittedModels(ModelCatalog catalog) {
        List<ModelCatalog.ModelInfo> known = catalog.models();
        if (modelSlug == null && allowedModels.isEmpty()) {
            return known;
        }
        List<String> slugs = modelSlug != null ? List.of(modelSlug) : allowedModels;
        List<ModelCatalog.ModelInfo> out = new ArrayList<>();
        for (String slug : slugs) {
            out.add(find(known, slug).orElse(new ModelCatalog.ModelInfo(slug, slug)));
        }
        return out;
    }

    private static Optional<ModelCatalog.ModelInfo> find(List<ModelCatalog.ModelInfo> models, String slug) {
        String wanted = slug.toLowerCase(Locale.ROOT);
        return models.stream().filter(m -> m.slug().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
