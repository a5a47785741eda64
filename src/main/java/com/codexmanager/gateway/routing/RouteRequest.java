package com.codexmanager.gateway.routing;

/**
 * What the selector needs to know about one request. Immutable.
 *
 * @param accountGroup      the key's account group, or {@code null} for all accounts
 * @param affinityKey       the conversation key ({@code prompt_cache_key}, session header …), or {@code null}
 * @param preferredAccount  the manual preferred account, or {@code null}
 * @param maxCandidates     how many candidates to return at most
 */
public record RouteRequest(String keyId, String model, String accountGroup, String affinityKey,
        String preferredAccount, RouteStrategy strategy, int maxCandidates) {
    public RouteRequest {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be positive: " + maxCandidates);
        }
    }
}
