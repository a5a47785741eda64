package com.codexmanager.usage;

import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Computes {@link UsageForecast}s for {@code account/usage/forecast} from the latest usage (memory) and the request
 * log (two grouped queries), and keeps the last one for {@link #MAX_AGE}, so a dashboard that polls every few
 * seconds costs the database one read per half minute. Thread-safe.
 */
public final class UsageForecaster {
    /** A forecast is reused this long. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    /** The longest usage window: the traffic read for the percent-per-token estimate. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private final UsageService usage;
    private final AccountService accounts;
    private final AccountTraffic traffic;
    private final Clock clock;
    private volatile UsageForecast last;

    public UsageForecaster(UsageService usage, AccountService accounts, AccountTraffic traffic, Clock clock) {
        this.usage = usage;
        this.accounts = accounts;
        this.traffic = traffic;
        this.clock = clock;
    }

    /** The forecast now (or one at most {@link #MAX_AGE} old); accounts that are disabled are left out. */
    public UsageForecast forecast() {
        Instant now = clock.instant();
        UsageForecast cached = last;
        if (cached != null && !cached.at().plus(MAX_AGE).isBefore(now) && !cached.at().isAfter(now)) {
            return cached;
        }
        return compute(now);
    }

    private synchronized UsageForecast compute(Instant now) {
        UsageForecast cached = last;
        if (cached != null && !cached.at().plus(MAX_AGE).isBefore(now) && !cached.at().isAfter(now)) {
            return cached;
        }
        List<UsageReport> reports = usage.reports(accounts.all().stream()
                .filter(a -> a.status() != AccountStatus.DISABLED).toList());
        UsageForecast fresh = UsageForecast.of(reports, traffic.total(now.minus(UsageForecast.BURN_WINDOW), now),
                traffic.hourly(now.minus(LONGEST_WINDOW), now), now);
        last = fresh;
        return fresh;
    }
}
