package com.codexmanager.store;

import com.codexmanager.concurrent.Executors2;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance runs each background job when several share one database. A job runs where its lease is held:
 * a named row in {@code job_leases} with the holder and an expiry, taken when free or expired and renewed every
 * {@link #RENEW_EVERY} while the holder lives, so a dead holder's jobs move to another instance within
 * {@link #TTL} plus one renewal period. On the embedded H2 database there is one instance, which holds every
 * lease. Times are the database server's, so instances need not agree on the time. Thread-safe.
 */
public final class JobLeases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobLeases.class);
    static final Duration TTL = Duration.ofSeconds(20);
    static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    private static final String TAKE = "INSERT INTO job_leases (job, holder, expires_at) "
            + "VALUES (?, ?, now() + make_interval(secs => ?)) ON CONFLICT (job) DO UPDATE SET "
            + "holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
            + "WHERE job_leases.holder = EXCLUDED.holder OR job_leases.expires_at < now()";
    private static final String RELEASE = "DELETE FROM job_leases WHERE job = ? AND holder = ?";

    private final Sql sql;
    private final String holder;
    private final boolean shared;
    private final Set<String> jobs = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keeper;
    private final Duration ttl;

    /**
     * @param holder this instance's name
     * @param shared whether other instances may share the database; when not, every lease is held
     */
    public JobLeases(Sql sql, String holder, boolean shared) {
        this(sql, holder, shared, TTL);
    }

    JobLeases(Sql sql, String holder, boolean shared, Duration ttl) {
        this.sql = sql;
        this.holder = holder;
        this.shared = shared;
        this.ttl = ttl;
        this.keeper = shared ? Executors2.scheduler("job-leases") : null;
    }

    /** Declares a job; its lease is sought from the next renewal on. */
    public void register(String job) {
        jobs.add(job);
    }

    /** Whether this instance runs {@code job} now. Reads memory only. */
    public boolean holds(String job) {
        return !shared || held.getOrDefault(job, false);
    }

    /** Takes or renews the leases now, then every {@link #RENEW_EVERY}. */
    public void start() {
        if (keeper != null) {
            renew();
            keeper.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** One renewal round (tests call it to fail over without waiting). */
    void renew() {
        for (String job : jobs) {
            boolean mine;
            try {
                mine = sql.update(TAKE, job, holder, ttl.toMillis() / 1000.0) > 0;
            } catch (StoreException e) {
                // cannot tell: stop running the job rather than risk two runners
                mine = false;
                log.warn("Lease of job {} could not be renewed: {}", job, e.getMessage());
            }
            Boolean before = held.put(job, mine);
            if (mine && !Boolean.TRUE.equals(before)) {
                log.info("This instance ({}) now runs job {}", holder, job);
            } else if (!mine && Boolean.TRUE.equals(before)) {
                log.info("Job {} moved to another instance", job);
            }
        }
    }

    /** Stops renewing without giving the leases back, as a crashed instance would (tests). */
    void abandon() {
        if (keeper != null) {
            Executors2.stop(keeper, Duration.ofSeconds(2), "Job lease keeper");
        }
    }

    /** Stops renewing and gives the leases back, so another instance takes the jobs at its next renewal. */
    @Override
    public void close() {
        if (keeper == null) {
            return;
        }
        Executors2.stop(keeper, Duration.ofSeconds(2), "Job lease keeper");
        for (String job : jobs) {
            if (held.getOrDefault(job, false)) {
                try {
                    sql.update(RELEASE, job, holder);
                } catch (StoreException e) {
                    log.debug("Lease of job {} not released: {}", job, e.getMessage());
                }
                held.put(job, false);
            }
        }
    }
}
