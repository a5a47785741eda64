package com.codexmanager.usage;

/**
 * What one poll round did. Immutable.
 *
 * @param attempted accounts whose usage was fetched
 * @param inBackoff accounts skipped because their recent fetches failed
 */
public record PollRound(int attempted, int succeeded, int failed, int inBackoff) {
}
