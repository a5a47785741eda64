package com.codexmanager.apikey;

import java.time.Instant;

/**
 * A stored platform key. {@code sealedAzureKey} is ciphertext and {@code keyHash} a SHA-256 digest; neither is
 * printed by {@link #toString()}. Immutable.
 *
 * @param sealedAzureKey the sealed Azure api-key, or {@code null}
 * @param lastUsedAt     last recorded use (written at most once a minute), or {@code null}
 */
record PlatformKey(String id, KeySpec spec, String keyHash, String keyPrefix, String sealedAzureKey,
        boolean enabled, Instant createdAt, Instant updatedAt, Instant lastUsedAt) {

    PlatformKey withSpec(KeySpec newSpec, String newSealedAzureKey, Instant now) {
        return new PlatformKey(id, newSpec, keyHash, keyPrefix, newSealedAzureKey, enabled, createdAt, now,
                lastUsedAt);
    }

    boolean expiredAt(Instant now) {
        return spec.expiresAt() != null && !now.isBefore(spec.expiresAt());
    }

    ApiKeySummary summary(Instant now) {
        String status = !enabled ? "disabled" : expiredAt(now) ? "expired" : "active";
        return new ApiKeySummary(id, spec.name(), keyPrefix, spec.protocolType().wireName(), spec.modelSlug(),
                spec.reasoningEffort() == null ? null : spec.reasoningEffort().wireName(), spec.allowedModels(),
                spec.accountGroup(), spec.expiresAt(),
                spec.upstreamBaseUrl() == null ? null : spec.upstreamBaseUrl().toString(), sealedAzureKey != null,
                status, createdAt, updatedAt, lastUsedAt, spec.limits());
    }

    VerifiedKey verified() {
        return new VerifiedKey(id, spec.name(), keyPrefix, spec.protocolType(), spec.policy(), spec.accountGroup(),
                spec.upstreamBaseUrl(), spec.limits());
    }

    @Override
    public String toString() {
        return "PlatformKey{id=" + id + ", prefix=" + keyPrefix + ", protocol=" + spec.protocolType().wireName()
                + ", enabled=" + enabled + "}";
    }
}
