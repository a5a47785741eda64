package com.codexmanager.usage;

import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Computes {@link UsageForecast}s for {@code account/usage/forecast} from the latest usage (memory) and the request
 * log (two grouped queries), and keeps the last one for {@link #MAX_AGE}, so a dashboard that polls every few
 * seconds costs the database one read per half minute. A forecast made while the pool was idle is dropped as soon
 * as new requests are logged, so the first traffic shows at once. Thread-safe.
 */
public final class UsageForecaster {
    /** A forecast is reused this long. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    /** The longest usage window: the traffic read for the percent-per-token estimate. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private final UsageService usage;
    private final AccountService accounts;
    private final AccountTraffic traffic;
    private final LongSupplier logged;
    private final Clock clock;
    private volatile Cached last;

    private record Cached(UsageForecast forecast, long logged) {
    }

    /** @param logged how many requests the request log has taken so far (a change means new traffic) */
    public UsageForecaster(UsageService usage, AccountService accounts, AccountTraffic traffic, LongSupplier logged,
            Clock clock) {
        this.usage = usage;
        this.accounts = accounts;
        this.traffic = traffic;
        this.logged = logged;
        this.clock = clock;
    }

    /** The forecast now (or one at most {@link #MAX_AGE} old); accounts that are disabled are left out. */
    public UsageForecast forecast() {
        Instant now = clock.instant();
        long count = logged.getAsLong();
        Cached cached = last;
        if (fresh(cached, now, count)) {
            return cached.forecast();
        }
        return compute(now, count);
    }

    private synchronized UsageForecast compute(Instant now, long count) {
        Cached cached = last;
        if (fresh(cached, now, count)) {
            return cached.forecast();
        }
        List<UsageReport> reports = usage.reports(accounts.all().stream()
                .filter(a -> a.status() != AccountStatus.DISABLED).toList());
        UsageForecast made = UsageForecast.of(reports, traffic.total(now.minus(UsageForecast.BURN_WINDOW), now),
                traffic.hourly(now.minus(LONGEST_WINDOW), now), now);
        last = new Cached(made, count);
        return made;
    }

    private static boolean fresh(Cached cached, Instant now, long count) {
        if (cached == null || cached.forecast().at().plus(MAX_AGE).isBefore(now) || cached.forecast().at()
                .isAfter(now)) {
            return false;
        }
        boolean wasIdle = cached.forecast().pool().tokensPerHour() == 0;
        return !(wasIdle && count != cached.logged());
    }
}
