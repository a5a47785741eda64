package com.codexmanager.gateway.port;

import java.util.List;

/**
 * An authenticated platform key's policy, as the gateway applies it. Immutable. Optional fields are {@code null}
 * when unset.
 *
 * @param modelSlug       forces the upstream model whatever the client asks
 * @param reasoningEffort overrides the reasoning effort
 * @param allowedModels   when non-empty, other requested models are rejected
 * @param accountGroup    limits the accounts that may serve this key
 */
public record PlatformKey(String id, String prefix, String protocolType, String modelSlug, String reasoningEffort,
        List<String> allowedModels, String accountGroup) {
    public PlatformKey {
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    }
}
