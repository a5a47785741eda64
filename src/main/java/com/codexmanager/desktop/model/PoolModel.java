package com.codexmanager.desktop.model;

import com.codexmanager.desktop.UiJobs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import javax.swing.Timer;

/**
 * The account pool shared by the tray (tooltip, quick switch, alerts), the dashboard and the accounts page. It
 * reloads the accounts in routing order, the pinned account, the account that served the last request and the
 * pool's forecast on a
 * Swing timer while the service offers {@code account/list}; the tick only starts RPC calls and the new
 * {@link PoolSnapshot} is applied on the EDT. Listeners get the previous and the new snapshot. EDT only, except
 * {@link #current()}.
 */
public final class PoolModel implements AutoCloseable {
    private final AccountsApi api;
    private final GatewayApi gateway;
    private final LogsApi logs;
    private final UiJobs jobs;
    private final Clock clock;
    private final Timer timer;
    private final List<BiConsumer<PoolSnapshot, PoolSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile PoolSnapshot current = PoolSnapshot.EMPTY;
    private boolean supported;
    private CompletableFuture<?> inFlight;

    public PoolModel(AccountsApi api, GatewayApi gateway, LogsApi logs, UiJobs jobs, Clock clock,
            Duration interval) {
        this.api = api;
        this.gateway = gateway;
        this.logs = logs;
        this.jobs = jobs;
        this.clock = clock;
        this.timer = new Timer((int) interval.toMillis(), e -> refresh());
    }

    public PoolSnapshot current() {
        return current;
    }

    public void addListener(BiConsumer<PoolSnapshot, PoolSnapshot> listener) {
        listeners.add(listener);
    }

    /** Called when the connection changes: polls only while the service has the account methods. */
    public void setSupported(boolean nowSupported) {
        boolean changed = supported != nowSupported;
        supported = nowSupported;
        if (nowSupported) {
            timer.start();
            if (changed) {
                refresh();
            }
        } else {
            timer.stop();
            if (changed || current.loadedAt() == null) {
                apply(PoolSnapshot.EMPTY);
            }
        }
    }

    /** Reloads now (after a change made from the UI). */
    public void refresh() {
        if (!supported || inFlight != null) {
            return;
        }
        CompletableFuture<Optional<String>> pinned = gateway.pinned();
        CompletableFuture<PoolSnapshot.Forecast> forecast = api.forecast();
        CompletableFuture<Optional<String>> lastServed = logs.lastServedAccount();
        CompletableFuture<PoolSnapshot> load = api.list(AccountsApi.Query.ALL, false)
                .thenCombine(api.aggregate(), (page, aggregate) -> {
                    List<AccountRow> ordered = new ArrayList<>(page.items());
                    ordered.sort(Comparator.comparingLong(AccountRow::sort));
                    return new PoolSnapshot(true, ordered, aggregate[0], aggregate[1], "", "", clock.instant());
                }).thenCombine(pinned.thenCombine(lastServed, (pin, served) -> new String[] {pin.orElse(""),
                        served.orElse("")}), (snapshot, who) -> new PoolSnapshot(true, snapshot.accounts(),
                        snapshot.primaryRemaining(), snapshot.secondaryRemaining(), who[0], who[1],
                        snapshot.loadedAt())).thenCombine(forecast, PoolSnapshot::withForecast);
        inFlight = jobs.deliver(load, snapshot -> {
            inFlight = null;
            apply(snapshot);
        }, error -> inFlight = null);
    }

    private void apply(PoolSnapshot next) {
        PoolSnapshot previous = current;
        current = next;
        listeners.forEach(l -> l.accept(previous, next));
    }

    @Override
    public void close() {
        timer.stop();
        if (inFlight != null) {
            inFlight.cancel(true);
        }
    }
}
