package com.codexmanager.gateway.state;

import com.codexmanager.concurrent.Executors2;
import com.codexmanager.gateway.routing.AffinityMap;
import com.codexmanager.store.Sql;
import com.codexmanager.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation affinity in {@code gateway_affinity}, shared by the instances of one database. Reads are direct;
 * writes never block a request: the latest binding per conversation is queued and written by one thread every
 * {@link #FLUSH_EVERY} (a binding written twice in that time is written once). Thread-safe; close it to write
 * what is queued.
 */
public final class AffinityRepository implements AffinityMap.Store, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AffinityRepository.class);
    static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    private static final List<String> COLUMNS = List.of("conversation_key", "account_id", "last_used");

    private final Sql sql;
    private final Map<String, AffinityMap.Binding> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = Executors2.scheduler("affinity-writer");

    public AffinityRepository(Sql sql) {
        this.sql = sql;
        writer.scheduleWithFixedDelay(this::flush, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<AffinityMap.Binding> find(String conversationKey) {
        AffinityMap.Binding queued = pending.get(conversationKey);
        if (queued != null) {
            return Optional.of(queued);
        }
        try {
            return sql.queryOne("SELECT account_id, last_used FROM gateway_affinity WHERE conversation_key = ?",
                    rs -> new AffinityMap.Binding(rs.getString(1), Sql.instant(rs, "last_used")), conversationKey);
        } catch (StoreException e) {
            log.debug("Shared affinity unreadable: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(String conversationKey, AffinityMap.Binding binding) {
        pending.put(conversationKey, binding);
    }

    /** Deletes bindings unused since {@code before}; returns how many. */
    public int prune(Instant before) {
        return sql.update("DELETE FROM gateway_affinity WHERE last_used < ?", before);
    }

    private void flush() {
        for (String key : List.copyOf(pending.keySet())) {
            AffinityMap.Binding binding = pending.remove(key);
            if (binding == null) {
                continue;
            }
            try {
                sql.upsert("gateway_affinity", COLUMNS, 1, key, binding.accountId(), binding.lastUsed());
            } catch (StoreException e) {
                log.debug("Shared affinity not written: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        Executors2.stop(writer, Duration.ofSeconds(2), "Affinity writer");
        flush();
    }
}
