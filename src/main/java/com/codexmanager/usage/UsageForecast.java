package com.codexmanager.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code account/usage/forecast}: for each account and the whole pool, the current burn rate (requests and tokens
 * the gateway served in the last hour, from the request log) and when each usage window runs out at that rate.
 *
 * <p>A window's percent per token is estimated as its used percent over the tokens the gateway served through the
 * account since the window started (an account also used outside the gateway burns faster than this says); an
 * account without such data borrows the average of its plan's other accounts for that window. The pool lasts as
 * many hours as its accounts' remaining tokens (each account limited by its tighter window) last at the pool's
 * token rate; window resets that would add quota meanwhile are not counted, so the estimate errs short.
 * Immutable.
 *
 * @param burnWindowSeconds how far back the rate is measured
 */
public record UsageForecast(Instant at, long burnWindowSeconds, Pool pool, List<AccountForecast> accounts) {
    /** How far back the burn rate is measured. */
    public static final Duration BURN_WINDOW = Duration.ofHours(1);

    /**
     * The pool at the current rate.
     *
     * @param hoursLeft       how long the remaining quota lasts at {@code tokensPerHour}; null without traffic or
     *                        without any account whose quota can be estimated
     * @param unknownAccounts enabled accounts whose remaining quota cannot be estimated (left out of
     *                        {@code hoursLeft})
     */
    public record Pool(double requestsPerHour, double tokensPerHour, Double hoursLeft, Instant runsOutAt,
            int accounts, int unknownAccounts) {
    }

    /**
     * One account.
     *
     * @param runsOutAt the earliest time one of its windows runs out before that window resets; null when none does
     *                  at the current rate
     */
    public record AccountForecast(String accountId, String planType, double requestsPerHour, double tokensPerHour,
            WindowForecast primary, WindowForecast secondary, Instant runsOutAt) {
    }

    /**
     * One usage window.
     *
     * @param percentPerHour how fast it fills at the current rate; null when the percent per token is unknown
     * @param runsOutAt      when it reaches 100 % at that rate; null when it does not fill
     * @param resetsFirst    it resets before it would run out
     */
    public record WindowForecast(double usedPercent, long windowMinutes, Instant resetsAt, Double percentPerHour,
            Instant runsOutAt, boolean resetsFirst) {
    }

    /** One window's inputs while the forecast is computed. */
    private record Estimate(double usedPercent, long windowMinutes, Instant resetsAt, Double percentPerToken) {
    }

    /**
     * @param reports  the latest usage of each account that counts (disabled ones left out)
     * @param lastHour traffic per account over {@link #BURN_WINDOW} up to {@code now}
     * @param hourly   traffic per account and hour over the longest window (a week) up to {@code now}
     */
    public static UsageForecast of(Collection<UsageReport> reports, Collection<AccountTraffic.Traffic> lastHour,
            Collection<AccountTraffic.Traffic> hourly, Instant now) {
        Map<String, AccountTraffic.Traffic> recent = new HashMap<>();
        lastHour.forEach(t -> recent.put(t.accountId(), t));
        Map<String, List<AccountTraffic.Traffic>> hours = new HashMap<>();
        hourly.forEach(t -> hours.computeIfAbsent(t.accountId(), k -> new ArrayList<>()).add(t));
        double hoursMeasured = BURN_WINDOW.toMillis() / 3_600_000.0;

        Map<String, Estimate[]> estimates = new HashMap<>();
        Map<String, List<Double>> planRatios = new HashMap<>();
        for (UsageReport r : reports) {
            Estimate[] pair = {estimate(r.usedPercent(), r.windowMinutes(), r.resetsAt(), hours.get(r.accountId()),
                    now), estimate(r.secondaryUsedPercent(), r.secondaryWindowMinutes(), r.secondaryResetsAt(),
                    hours.get(r.accountId()), now)};
            estimates.put(r.accountId(), pair);
            for (int i = 0; i < 2; i++) {
                if (pair[i] != null && pair[i].percentPerToken() != null) {
                    planRatios.computeIfAbsent(planKey(r.planType(), i), k -> new ArrayList<>())
                            .add(pair[i].percentPerToken());
                }
            }
        }

        List<AccountForecast> out = new ArrayList<>();
        double poolRequests = 0;
        double poolTokens = 0;
        double tokensLeft = 0;
        int known = 0;
        for (UsageReport r : reports) {
            AccountTraffic.Traffic t = recent.get(r.accountId());
            double requestsPerHour = t == null ? 0 : t.requests() / hoursMeasured;
            double tokensPerHour = t == null ? 0 : t.tokens() / hoursMeasured;
            poolRequests += requestsPerHour;
            poolTokens += tokensPerHour;
            Estimate[] pair = estimates.get(r.accountId());
            WindowForecast[] windows = new WindowForecast[2];
            Double accountTokensLeft = null;
            boolean unknown = false;
            for (int i = 0; i < 2; i++) {
                Estimate e = pair[i];
                if (e == null) {
                    continue;
                }
                Double ratio = e.percentPerToken() != null ? e.percentPerToken()
                        : average(planRatios.get(planKey(r.planType(), i)));
                windows[i] = window(e, ratio, tokensPerHour, now);
                if (ratio == null) {
                    unknown = true;
                } else {
                    double left = Math.max(0, 100 - e.usedPercent()) / ratio;
                    accountTokensLeft = accountTokensLeft == null ? left : Math.min(accountTokensLeft, left);
                }
            }
            if (pair[0] == null && pair[1] == null || unknown) {
                accountTokensLeft = null;
            }
            if (accountTokensLeft != null) {
                tokensLeft += accountTokensLeft;
                known++;
            }
            out.add(new AccountForecast(r.accountId(), r.planType(), requestsPerHour, tokensPerHour, windows[0],
                    windows[1], earliest(windows)));
        }
        Double hoursLeft = poolTokens > 0 && known > 0 ? tokensLeft / poolTokens : null;
        Instant runsOut = hoursLeft == null ? null : now.plusSeconds(Math.round(hoursLeft * 3600));
        return new UsageForecast(now, BURN_WINDOW.toSeconds(), new Pool(poolRequests, poolTokens, hoursLeft, runsOut,
                reports.size(), reports.size() - known), out);
    }

    private static Estimate estimate(Double used, Long minutes, Instant resetsAt, List<AccountTraffic.Traffic> hours,
            Instant now) {
        if (used == null || minutes == null || minutes <= 0) {
            return null;
        }
        Duration length = Duration.ofMinutes(minutes);
        boolean reset = resetsAt != null && !now.isBefore(resetsAt);
        Instant start = reset ? resetsAt : resetsAt != null ? resetsAt.minus(length) : now.minus(length);
        long tokens = 0;
        if (hours != null) {
            Instant firstHour = Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), 3_600_000L) * 3_600_000L);
            for (AccountTraffic.Traffic hour : hours) {
                if (!hour.from().isBefore(firstHour)) {
                    tokens += hour.tokens();
                }
            }
        }
        Double ratio = used > 0 && tokens > 0 ? used / tokens : null;
        return new Estimate(used, minutes, reset ? resetsAt.plus(length) : resetsAt, ratio);
    }

    private static WindowForecast window(Estimate e, Double ratio, double tokensPerHour, Instant now) {
        // not a conditional expression: one with a primitive branch unboxes the null of the other
        Double percentPerHour;
        if (ratio != null) {
            percentPerHour = ratio * tokensPerHour;
        } else {
            percentPerHour = tokensPerHour == 0 ? Double.valueOf(0) : null;
        }
        Instant runsOutAt = null;
        if (percentPerHour != null && percentPerHour > 0) {
            double hours = Math.max(0, 100 - e.usedPercent()) / percentPerHour;
            runsOutAt = now.plusSeconds(Math.round(Math.min(hours, 24 * 366) * 3600));
        }
        boolean resetsFirst = runsOutAt != null && e.resetsAt() != null && e.resetsAt().isBefore(runsOutAt);
        return new WindowForecast(e.usedPercent(), e.windowMinutes(), e.resetsAt(), percentPerHour, runsOutAt,
                resetsFirst);
    }

    private static Instant earliest(WindowForecast[] windows) {
        Instant out = null;
        for (WindowForecast w : windows) {
            if (w != null && w.runsOutAt() != null && !w.resetsFirst()
                    && (out == null || w.runsOutAt().isBefore(out))) {
                out = w.runsOutAt();
            }
        }
        return out;
    }

    private static String planKey(String plan, int window) {
        return (plan == null ? "" : plan.toLowerCase(Locale.ROOT)) + "/" + window;
    }

    private static Double average(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
