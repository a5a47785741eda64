package com.codexmanager.gateway;

import com.codexmanager.gateway.port.PlatformKey;
import java.time.Instant;

/**
 * What the pipeline has learned about one request so far; each step returns a copy with more filled in. Fields
 * not known yet are {@code null}. Immutable.
 */
record RequestFacts(String traceId, Instant startedAt, String method, String path, String adaptedPath, String keyId,
        String keyPrefix, String clientModel, String effectiveModel, String reasoningEffort) {

    static RequestFacts start(String traceId, Instant startedAt, String method, String path, String adaptedPath) {
        return new RequestFacts(traceId, startedAt, method, path, adaptedPath, null, null, null, null, null);
    }

    RequestFacts withKey(PlatformKey key) {
        return new RequestFacts(traceId, startedAt, method, path, adaptedPath, key.id(), key.prefix(), clientModel,
                effectiveModel, reasoningEffort);
    }

    RequestFacts withClientModel(String model) {
        return new RequestFacts(traceId, startedAt, method, path, adaptedPath, keyId, keyPrefix, model,
                effectiveModel, reasoningEffort);
    }

    RequestFacts withEffectiveModel(String model, String effort) {
        return new RequestFacts(traceId, startedAt, method, path, adaptedPath, keyId, keyPrefix, clientModel, model,
                effort);
    }
}
