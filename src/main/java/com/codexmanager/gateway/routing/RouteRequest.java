package com.codexmanager.gateway.routing;

/**
 * What the selector needs to know about one request. Immutable.
 *
 * @param model             the resolved upstream model; accounts whose plan does not offer it are skipped
 * @param accountGroup      the key's account group, or {@code null} for all accounts
 * @param affinityKey       the conversation key ({@code prompt_cache_key}, session header …), or {@code null}
 * @param pinnedAccount     the account pinned by quick switch ({@code gateway/manualAccount}), or {@code null}
 * @param maxCandidates     how many candidates to return at most
 * @param highWaterPercent  {@code headroom} only: accounts used this much in either window get no new conversation
 *                          while one below half can serve, and lose their conversations' affinity
 */
public record RouteRequest(String keyId, String model, String accountGroup, String affinityKey,
        String pinnedAccount, RouteStrategy strategy, int maxCandidates, int highWaterPercent) {
    /** The default high-water mark, in percent of either window. */
    public static final int DEFAULT_HIGH_WATER_PERCENT = 85;

    public RouteRequest {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be positive: " + maxCandidates);
        }
        if (highWaterPercent < 1 || highWaterPercent > 100) {
            throw new IllegalArgumentException("highWaterPercent must be 1..100: " + highWaterPercent);
        }
    }

    /** A request with the default high-water mark. */
    public RouteRequest(String keyId, String model, String accountGroup, String affinityKey, String pinnedAccount,
            RouteStrategy strategy, int maxCandidates) {
        this(keyId, model, accountGroup, affinityKey, pinnedAccount, strategy, maxCandidates,
                DEFAULT_HIGH_WATER_PERCENT);
    }
}
