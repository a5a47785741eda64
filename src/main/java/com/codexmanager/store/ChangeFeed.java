package com.codexmanager.store;

import com.codexmanager.concurrent.Executors2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this instance that another instance changed shared state, so its in-memory views (the account pool and
 * its credentials, the key cache, the settings, cooldowns, usage, the quick-switch pin) catch up within {@link #POLL_EVERY}. It reads one
 * small row every poll: per table a row count and the highest change number (a database sequence that a trigger
 * draws from on every insert and update, so no instance's clock is trusted); a table whose pair moved is announced
 * to its listeners (which then re-read what they cache). Changes this instance made itself are announced too, which
 * costs a needless re-read, never a stale view. Only runs on a shared database; on the embedded one nobody else
 * writes. Listeners run on the feed's thread. Thread-safe.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    public static final Duration POLL_EVERY = Duration.ofMillis(400);

    /** A shared table and how to tell that it changed. */
    public enum Table {
        ACCOUNTS("accounts"),
        PLATFORM_KEYS("platform_keys"),
        APP_SETTINGS("app_settings"),
        COOLDOWNS("gateway_cooldowns"),
        USAGE("usage_latest"),
        GATEWAY_STATE("gateway_state");

        private final String name;

        Table(String name) {
            this.name = name;
        }
    }

    private final Sql sql;
    private final boolean shared;
    private final String query;
    private final Map<Table, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private final Map<Table, String> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

    public ChangeFeed(Sql sql, boolean shared) {
        this.sql = sql;
        this.shared = shared;
        this.query = query();
        this.poller = shared ? Executors2.scheduler("change-feed") : null;
    }

    private static String query() {
        List<String> parts = new ArrayList<>();
        for (Table t : Table.values()) {
            // change_seq exists on PostgreSQL only (V13), the one engine several instances share
            parts.add("(SELECT COUNT(*) || '/' || COALESCE(CAST(MAX(change_seq) AS VARCHAR(64)), '-') "
                    + "FROM " + t.name + ")");
        }
        return "SELECT " + String.join(", ", parts);
    }

    /** Calls {@code listener} (on the feed's thread) after another instance changed {@code table}. */
    public void onChange(Table table, Runnable listener) {
        listeners.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    public void start() {
        if (poller != null) {
            poll();
            poller.scheduleWithFixedDelay(this::poll, POLL_EVERY.toMillis(), POLL_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Catches up now instead of at the next poll (tests, and a caller that must see others' changes at once). */
    public void poll() {
        List<String> states;
        try {
            states = sql.queryOne(query, rs -> {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= Table.values().length; i++) {
                    row.add(rs.getString(i));
                }
                return row;
            }).orElse(List.of());
        } catch (StoreException e) {
            log.warn("Could not read the shared change markers: {}", e.getMessage());
            return;
        }
        for (int i = 0; i < states.size(); i++) {
            Table table = Table.values()[i];
            String before = seen.put(table, states.get(i));
            if (before != null && !before.equals(states.get(i))) {
                announce(table);
            }
        }
    }

    private void announce(Table table) {
        for (Runnable listener : listeners.getOrDefault(table, List.of())) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("Catching up with a change of {} failed: {}", table.name, e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            Executors2.stop(poller, Duration.ofSeconds(2), "Change feed");
        }
    }
}
