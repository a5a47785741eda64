package com.codexmanager.apikey;

/**
 * A platform key's limits; each is {@code null} when unlimited. Immutable.
 *
 * @param requestsPerMinute requests the key may start in any 60 seconds
 * @param tokensPerDay      input plus output tokens the key may use per calendar day of the service's time zone
 */
public record KeyLimits(Integer requestsPerMinute, Long tokensPerDay) {
    /** No limit. */
    public static final KeyLimits NONE = new KeyLimits(null, null);
    static final int MAX_REQUESTS_PER_MINUTE = 10_000;
    static final long MAX_TOKENS_PER_DAY = 1_000_000_000_000L;

    public KeyLimits {
        if (requestsPerMinute != null && (requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE)) {
            throw ApiKeyException.invalid("limits.requestsPerMinute", "must be a whole number from 1 to "
                    + MAX_REQUESTS_PER_MINUTE + ", or null for no limit");
        }
        if (tokensPerDay != null && (tokensPerDay < 1 || tokensPerDay > MAX_TOKENS_PER_DAY)) {
            throw ApiKeyException.invalid("limits.tokensPerDay", "must be a whole number from 1 to "
                    + MAX_TOKENS_PER_DAY + ", or null for no limit");
        }
    }

    public boolean none() {
        return requestsPerMinute == null && tokensPerDay == null;
    }
}
