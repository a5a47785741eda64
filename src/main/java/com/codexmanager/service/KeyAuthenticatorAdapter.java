package com.codexmanager.service;

import com.codexmanager.apikey.KeyAuthResult;
import com.codexmanager.apikey.KeyRejection;
import com.codexmanager.apikey.KeyService;
import com.codexmanager.apikey.ProtocolType;
import com.codexmanager.apikey.VerifiedKey;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;

/** The gateway's key check, backed by the platform-keys feature (one hash, one map lookup). Thread-safe. */
final class KeyAuthenticatorAdapter implements KeyAuthenticator {
    private final KeyService keys;

    KeyAuthenticatorAdapter(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public KeyVerdict authenticate(String presentedKey) {
        KeyAuthResult result = keys.authenticate(presentedKey);
        if (result instanceof KeyAuthResult.Accepted accepted) {
            VerifiedKey key = accepted.key();
            keys.recordUse(key.id());
            var policy = key.policy();
            return new KeyVerdict.Allowed(new PlatformKey(key.id(), key.keyPrefix(), key.protocolType().wireName(),
                    policy.modelSlug(), policy.reasoningEffort() == null ? null : policy.reasoningEffort().wireName(),
                    policy.allowedModels(), key.accountGroup(), azure(key), limits(key)));
        }
        KeyRejection rejection = ((KeyAuthResult.Rejected) result).reason();
        return new KeyVerdict.Rejected(rejection.httpStatus(), rejection.errorCode(), rejection.message());
    }

    private static PlatformKey.Limits limits(VerifiedKey key) {
        return key.limits().none() ? PlatformKey.Limits.NONE
                : new PlatformKey.Limits(key.limits().requestsPerMinute(), key.limits().tokensPerDay());
    }

    /** The Azure endpoint of an azure_openai key; its api-key is opened only when a request is forwarded. */
    private PlatformKey.Azure azure(VerifiedKey key) {
        if (key.protocolType() != ProtocolType.AZURE_OPENAI) {
            return null;
        }
        String baseUrl = key.upstreamBaseUrl() == null ? null : key.upstreamBaseUrl().toString();
        return new PlatformKey.Azure(baseUrl, () -> keys.azureApiKey(key));
    }
}
