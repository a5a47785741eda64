package com.codexmanager.metrics;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.auth.TokenRefresher;
import com.codexmanager.usage.Availability;
import com.codexmanager.usage.UsageAggregate;
import com.codexmanager.usage.UsageReport;
import com.codexmanager.usage.UsageService;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The account pool as gauges an operator can alert on, read at each scrape (one account list from the database,
 * usage from memory):
 * <ul>
 *   <li>{@code codexmanager_accounts{status}}: accounts per status ({@code active}, {@code disabled},
 *       {@code limited}, {@code unavailable}, {@code banned});</li>
 *   <li>{@code codexmanager_accounts_by_availability{availability}}: accounts that are not disabled, per usage
 *       availability ({@code available}, {@code primary_window_available_only}, {@code unavailable},
 *       {@code unknown});</li>
 *   <li>{@code codexmanager_accounts_needing_login}: accounts whose login must be renewed (status
 *       {@code unavailable}, or no token, and not disabled);</li>
 *   <li>{@code codexmanager_pool_quota_remaining_ratio{window}} (0..1, {@code 5h} and {@code 7d}) with
 *       {@code codexmanager_pool_quota_accounts{window}}, the accounts that report that window: "pool remaining"
 *       as the dashboard shows it;</li>
 *   <li>{@code codexmanager_account_quota_remaining_ratio{account_id, window}} per account;</li>
 *   <li>{@code codexmanager_token_refresh_failures_total{kind}} ({@code transient}, {@code permanent}).</li>
 * </ul>
 * Stateless; thread-safe.
 */
final class PoolCollector implements MultiCollector {
    private final AccountService accounts;
    private final UsageService usage;
    private final TokenRefresher refresher;

    PoolCollector(AccountService accounts, UsageService usage, TokenRefresher refresher) {
        this.accounts = accounts;
        this.usage = usage;
        this.refresher = refresher;
    }

    @Override
    public MetricSnapshots collect() {
        List<Account> all = accounts.all();
        List<Account> enabled = all.stream().filter(a -> a.status() != AccountStatus.DISABLED).toList();
        List<UsageReport> reports = usage.reports(enabled);
        UsageAggregate pool = UsageAggregate.of(reports);
        TokenRefresher.FailureCounts failures = refresher.failureCounts();
        return MetricSnapshots.of(byStatus(all), byAvailability(reports),
                gauge("codexmanager_accounts_needing_login", "Accounts whose login must be renewed (status "
                        + "unavailable, or no token), not counting disabled ones.", enabled.stream()
                        .filter(a -> a.status() == AccountStatus.UNAVAILABLE || !a.hasToken()).count()),
                poolRemaining(pool), poolAccounts(pool), perAccount(reports),
                CounterSnapshot.builder().name("codexmanager_token_refresh_failures")
                        .help("Failed token refreshes since start: transient (retried) and permanent (needs login).")
                        .dataPoint(counter("kind", "transient", failures.transientFailures()))
                        .dataPoint(counter("kind", "permanent", failures.permanentFailures())).build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("codexmanager_accounts", "codexmanager_accounts_by_availability",
                "codexmanager_accounts_needing_login", "codexmanager_pool_quota_remaining_ratio",
                "codexmanager_pool_quota_accounts", "codexmanager_account_quota_remaining_ratio",
                "codexmanager_token_refresh_failures");
    }

    private static GaugeSnapshot byStatus(List<Account> all) {
        Map<AccountStatus, Integer> counts = new EnumMap<>(AccountStatus.class);
        all.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        GaugeSnapshot.Builder out = GaugeSnapshot.builder().name("codexmanager_accounts")
                .help("Accounts in the pool by status.");
        for (AccountStatus status : AccountStatus.values()) {
            out.dataPoint(point(Labels.of("status", status.wireName()), counts.getOrDefault(status, 0)));
        }
        return out.build();
    }

    private static GaugeSnapshot byAvailability(List<UsageReport> reports) {
        Map<Availability, Integer> counts = new EnumMap<>(Availability.class);
        reports.forEach(r -> counts.merge(r.availabilityStatus(), 1, Integer::sum));
        GaugeSnapshot.Builder out = GaugeSnapshot.builder().name("codexmanager_accounts_by_availability")
                .help("Accounts that are not disabled, by usage availability.");
        for (Availability availability : Availability.values()) {
            out.dataPoint(point(Labels.of("availability", availability.wireName()),
                    counts.getOrDefault(availability, 0)));
        }
        return out.build();
    }

    private static GaugeSnapshot poolRemaining(UsageAggregate pool) {
        GaugeSnapshot.Builder out = GaugeSnapshot.builder().name("codexmanager_pool_quota_remaining_ratio")
                .help("Average remaining quota (0..1) of the accounts that report the window; absent when none does.");
        if (pool.primaryRemainingPercent() != null) {
            out.dataPoint(point(Labels.of("window", "5h"), pool.primaryRemainingPercent() / 100.0));
        }
        if (pool.secondaryRemainingPercent() != null) {
            out.dataPoint(point(Labels.of("window", "7d"), pool.secondaryRemainingPercent() / 100.0));
        }
        return out.build();
    }

    private static GaugeSnapshot poolAccounts(UsageAggregate pool) {
        return GaugeSnapshot.builder().name("codexmanager_pool_quota_accounts")
                .help("Accounts that report the window, i.e. behind codexmanager_pool_quota_remaining_ratio.")
                .dataPoint(point(Labels.of("window", "5h"), pool.primaryAccounts()))
                .dataPoint(point(Labels.of("window", "7d"), pool.secondaryAccounts())).build();
    }

    private static GaugeSnapshot perAccount(List<UsageReport> reports) {
        GaugeSnapshot.Builder out = GaugeSnapshot.builder().name("codexmanager_account_quota_remaining_ratio")
                .help("Remaining quota (0..1) of one account's window, as of its latest usage data.");
        for (UsageReport r : reports) {
            if (r.usedPercent() != null && r.windowMinutes() != null) {
                out.dataPoint(point(Labels.of("account_id", r.accountId(), "window", "5h"), remaining(r.usedPercent())));
            }
            if (r.secondaryUsedPercent() != null && r.secondaryWindowMinutes() != null) {
                out.dataPoint(point(Labels.of("account_id", r.accountId(), "window", "7d"),
                        remaining(r.secondaryUsedPercent())));
            }
        }
        return out.build();
    }

    private static double remaining(double usedPercent) {
        return Math.max(0, Math.min(100, 100 - usedPercent)) / 100.0;
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(point(Labels.EMPTY, value)).build();
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterDataPointSnapshot counter(String label, String value, long count) {
        return CounterDataPointSnapshot.builder().labels(Labels.of(label, value)).value(count).build();
    }
}
