package com.codexmanager.usage;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway served per account, from the request log: the burn rate behind {@code account/usage/forecast}.
 * Bound by the service's wiring; implementations are thread-safe and may query the database.
 */
public interface AccountTraffic {
    /**
     * One account's served requests and their input plus output tokens in one span of time.
     *
     * @param from the start of the span (an hour boundary for {@link #hourly})
     */
    record Traffic(String accountId, Instant from, long requests, long tokens) {
    }

    /** Per account, over {@code [from, to)} as one span. */
    List<Traffic> total(Instant from, Instant to);

    /** Per account and whole hour (UTC hour boundaries) of {@code [from, to)}. */
    List<Traffic> hourly(Instant from, Instant to);

    /** Nothing was ever served. */
    AccountTraffic NONE = new AccountTraffic() {
        @Override
        public List<Traffic> total(Instant from, Instant to) {
            return List.of();
        }

        @Override
        public List<Traffic> hourly(Instant from, Instant to) {
            return List.of();
        }
    };
}
