package com.codexmanager.observability;

/**
 * What one key did in a span of the request log: requests started in its recent part (refusals by the key's own
 * limit or a busy gateway left out: they do not count against a limit) and input plus output tokens. Immutable.
 */
public record KeyActivity(String keyId, long recentRequests, long tokens) {
}
