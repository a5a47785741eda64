package com.codexmanager.account.importing;

/**
 * A running import's counters after each batch: items read so far, how many were written, and whether it ended.
 * The total is unknown until the input is consumed, so {@code done} marks the end. Immutable.
 */
public record ImportProgress(String importId, int processed, int created, int updated, int failed, boolean done) {
}
