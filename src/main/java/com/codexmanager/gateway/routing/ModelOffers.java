package com.codexmanager.gateway.routing;

/**
 * Whether an account's plan offers a model, per the live catalogue. Unknown is "yes": an account whose plan's
 * catalogue has not been fetched is not skipped. Implementations are thread-safe and answer from memory.
 */
@FunctionalInterface
public interface ModelOffers {
    /** Every account offers every model (no catalogue). */
    ModelOffers ANY = (plan, model) -> true;

    /**
     * @param plan  the account's plan, {@code null} when unknown
     * @param model the upstream model slug
     */
    boolean offers(String plan, String model);
}
