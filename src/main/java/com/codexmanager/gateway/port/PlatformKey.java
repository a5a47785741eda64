package com.codexmanager.gateway.port;

import java.util.List;
import java.util.function.Supplier;

/**
 * An authenticated platform key's policy, as the gateway applies it. Immutable. Optional fields are {@code null}
 * when unset.
 *
 * @param protocolType    {@code openai}, {@code anthropic} or {@code azure_openai}; an {@code azure_openai} key is
 *                        served by its own Azure endpoint instead of the account pool
 * @param modelSlug       forces the upstream model whatever the client asks
 * @param reasoningEffort overrides the reasoning effort
 * @param allowedModels   when non-empty, other requested models are rejected
 * @param accountGroup    limits the accounts that may serve this key
 * @param azure           the Azure endpoint of an {@code azure_openai} key, or {@code null}
 * @param limits          requests per minute and tokens per day; {@link Limits#NONE} when unlimited
 */
public record PlatformKey(String id, String prefix, String protocolType, String modelSlug, String reasoningEffort,
        List<String> allowedModels, String accountGroup, Azure azure, Limits limits) {
    public PlatformKey {
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        limits = limits == null ? Limits.NONE : limits;
    }

    /** A key without limits. */
    public PlatformKey(String id, String prefix, String protocolType, String modelSlug, String reasoningEffort,
            List<String> allowedModels, String accountGroup, Azure azure) {
        this(id, prefix, protocolType, modelSlug, reasoningEffort, allowedModels, accountGroup, azure, Limits.NONE);
    }

    /**
     * A key's limits, each {@code null} when unlimited.
     *
     * @param requestsPerMinute requests it may start in any 60 seconds
     * @param tokensPerDay      input plus output tokens per calendar day of the service's time zone
     */
    public record Limits(Integer requestsPerMinute, Long tokensPerDay) {
        public static final Limits NONE = new Limits(null, null);

        public boolean none() {
            return requestsPerMinute == null && tokensPerDay == null;
        }
    }

    /** A key without an Azure endpoint. */
    public PlatformKey(String id, String prefix, String protocolType, String modelSlug, String reasoningEffort,
            List<String> allowedModels, String accountGroup) {
        this(id, prefix, protocolType, modelSlug, reasoningEffort, allowedModels, accountGroup, null);
    }

    /**
     * Where an {@code azure_openai} key sends its requests.
     *
     * @param baseUrl the Azure resource endpoint ({@code https://<resource>.openai.azure.com}, optionally ending in
     *                {@code /openai} or {@code /openai/v1}); {@code null} or blank when not configured
     * @param apiKey  opens the stored Azure api-key for one request; may return {@code null} or throw when the
     *                secret is missing or cannot be decrypted. Called on the request thread.
     */
    public record Azure(String baseUrl, Supplier<String> apiKey) {
        @Override
        public String toString() {
            return "Azure[baseUrl=" + baseUrl + ", apiKey=<redacted>]";
        }
    }
}
