package com.codexmanager.gateway;

import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A hand-written {@link KeyAuthenticator} with keys registered by the test. */
final class TestKeys implements KeyAuthenticator {
    static final String KEY = "cmk_test_key_0123456789abcdef";

    private final Map<String, PlatformKey> keys = new ConcurrentHashMap<>();
    private final Map<String, KeyVerdict.Rejected> rejected = new ConcurrentHashMap<>();

    TestKeys() {
        add(KEY, new PlatformKey("key-1", "cmk_test", "openai", null, null, List.of(), null));
    }

    TestKeys add(String key, PlatformKey policy) {
        keys.put(key, policy);
        return this;
    }

    TestKeys reject(String key, int status, String code) {
        rejected.put(key, new KeyVerdict.Rejected(status, code, code));
        return this;
    }

    @Override
    public KeyVerdict authenticate(String presentedKey) {
        if (presentedKey == null) {
            return new KeyVerdict.Rejected(401, "missing_api_key", "no API key was sent");
        }
        if (rejected.containsKey(presentedKey)) {
            return rejected.get(presentedKey);
        }
        PlatformKey key = keys.get(presentedKey);
        return key == null ? new KeyVerdict.Rejected(401, "invalid_api_key", "unknown API key")
                : new KeyVerdict.Allowed(key);
    }
}
