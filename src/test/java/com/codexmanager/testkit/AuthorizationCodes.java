package com.codexmanager.testkit;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Authorization codes waiting for their exchange. Thread-safe; each code can be taken exactly once. */
final class AuthorizationCodes {
    /** What a code was issued for. */
    record Grant(String accountId, String clientId, String redirectUri, String codeChallenge, String scope) {
    }

    private final AtomicLong serial = new AtomicLong();
    private final ConcurrentMap<String, Grant> pending = new ConcurrentHashMap<>();

    String issue(Grant grant) {
        String code = "ac_fake_" + String.format("%06d", serial.incrementAndGet()) + "_" + Pkce.newState();
        pending.put(code, grant);
        return code;
    }

    /** Removes and returns the grant; empty when the code is unknown or was already used. */
    Optional<Grant> take(String code) {
        return Optional.ofNullable(code == null ? null : pending.remove(code));
    }
}
