package com.codexmanager.apikey;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The editable settings of a platform key, validated on construction; each problem names its RPC field. Holds no
 * secret. Immutable.
 *
 * @param modelSlug       forced model or {@code null}
 * @param reasoningEffort forced effort or {@code null} (follow the request)
 * @param accountGroup    account group restriction or {@code null}
 * @param expiresAt       expiry instant or {@code null} (never)
 * @param upstreamBaseUrl Azure endpoint; required for, and only allowed on, {@link ProtocolType#AZURE_OPENAI}
 * @param limits          requests per minute and tokens per day; {@link KeyLimits#NONE} when unlimited
 */
public record KeySpec(String name, ProtocolType protocolType, String modelSlug, ReasoningEffort reasoningEffort,
        List<String> allowedModels, String accountGroup, Instant expiresAt, URI upstreamBaseUrl, KeyLimits limits) {
    static final int MAX_NAME = 100;
    static final int MAX_MODEL = 128;
    static final int MAX_ALLOWED = 100;
    static final int MAX_GROUP = 64;
    static final int MAX_URL = 2048;

    public KeySpec {
        limits = limits == null ? KeyLimits.NONE : limits;
        name = name == null ? "" : name.trim();
        if (name.isEmpty()) {
            throw ApiKeyException.invalid("name", "must not be empty");
        }
        if (name.length() > MAX_NAME) {
            throw ApiKeyException.invalid("name", "must be at most " + MAX_NAME + " characters");
        }
        if (protocolType == null) {
            throw ApiKeyException.invalid("protocolType", "is required");
        }
        modelSlug = model("modelSlug", modelSlug);
        allowedModels = allowed(allowedModels == null ? List.of() : allowedModels);
        accountGroup = blankToNull(accountGroup);
        if (accountGroup != null && accountGroup.length() > MAX_GROUP) {
            throw ApiKeyException.invalid("accountGroup", "must be at most " + MAX_GROUP + " characters");
        }
        String forced = modelSlug;
        if (forced != null && !allowedModels.isEmpty()
                && allowedModels.stream().noneMatch(m -> m.equalsIgnoreCase(forced))) {
            throw ApiKeyException.invalid("modelSlug", "must be one of allowedModels when both are set");
        }
        if (protocolType == ProtocolType.AZURE_OPENAI && upstreamBaseUrl == null) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "is required for azure_openai keys");
        }
        if (protocolType != ProtocolType.AZURE_OPENAI && upstreamBaseUrl != null) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "is only used by azure_openai keys");
        }
    }

    /** A key without limits. */
    public KeySpec(String name, ProtocolType protocolType, String modelSlug, ReasoningEffort reasoningEffort,
            List<String> allowedModels, String accountGroup, Instant expiresAt, URI upstreamBaseUrl) {
        this(name, protocolType, modelSlug, reasoningEffort, allowedModels, accountGroup, expiresAt, upstreamBaseUrl,
                KeyLimits.NONE);
    }

    public KeyPolicy policy() {
        return new KeyPolicy(modelSlug, allowedModels, reasoningEffort);
    }

    /** Parses and checks an upstream URL: absolute http(s), a host, no user info, at most 2048 characters. */
    public static URI parseUpstreamUrl(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "must not be empty");
        }
        if (trimmed.length() > MAX_URL) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "must be an http(s) URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "must not contain user info; use azureApiKey");
        }
        if (uri.getRawFragment() != null) {
            throw ApiKeyException.invalid("upstreamBaseUrl", "must not contain a fragment");
        }
        String withoutSlash = trimmed.endsWith("/") && uri.getRawQuery() == null
                ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        return URI.create(withoutSlash);
    }

    private static String model(String field, String value) {
        String model = blankToNull(value);
        if (model == null) {
            return null;
        }
        if (model.length() > MAX_MODEL || !model.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw ApiKeyException.invalid(field, "must be a model slug (printable ASCII, no spaces, at most "
                    + MAX_MODEL + " characters)");
        }
        return model;
    }

    private static List<String> allowed(List<String> models) {
        if (models.size() > MAX_ALLOWED) {
            throw ApiKeyException.invalid("allowedModels", "must list at most " + MAX_ALLOWED + " models");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            String model = model("allowedModels[" + i + "]", models.get(i));
            if (model == null) {
                throw ApiKeyException.invalid("allowedModels[" + i + "]", "must not be empty");
            }
            if (seen.add(model.toLowerCase(Locale.ROOT))) {
                out.add(model);
            }
        }
        return List.copyOf(out);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
