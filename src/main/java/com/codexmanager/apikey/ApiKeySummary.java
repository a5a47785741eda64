package com.codexmanager.apikey;

import java.time.Instant;
import java.util.List;

/**
 * A platform key as shown over RPC: settings and state, never the key, its hash or the Azure secret. Immutable.
 *
 * @param keyPrefix      the first characters of the key (e.g. {@code cmk_Ab12Cd34}) so users can tell keys apart
 * @param status         {@code active}, {@code disabled} or {@code expired}
 * @param hasAzureApiKey whether an Azure api-key is stored (sealed)
 * @param limits         {@code {requestsPerMinute, tokensPerDay}}, each {@code null} when unlimited
 */
public record ApiKeySummary(String id, String name, String keyPrefix, String protocolType, String modelSlug,
        String reasoningEffort, List<String> allowedModels, String accountGroup, Instant expiresAt,
        String upstreamBaseUrl, boolean hasAzureApiKey, String status, Instant createdAt, Instant updatedAt,
        Instant lastUsedAt, KeyLimits limits) {
}
