package com.codexmanager.usage;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Refresh all": starts one job over every refreshable account on the worker pool and reports its progress. While a
 * job runs, starting another returns the running one instead of a duplicate. The last {@value #KEPT_JOBS} jobs stay
 * readable. Thread-safe.
 */
final class UsageRefreshJobs {
    static final int KEPT_JOBS = 32;

    private final Supplier<List<String>> targets;
    private final Function<String, CompletableFuture<?>> submit;
    private final Clock clock;
    private final Map<String, RefreshJob> jobs = new LinkedHashMap<>();
    private RefreshJob current;

    /**
     * @param targets the account ids a job covers, read when it starts
     * @param submit  queues one account's refresh; the future says whether it succeeded
     */
    UsageRefreshJobs(Supplier<List<String>> targets, Function<String, CompletableFuture<?>> submit, Clock clock) {
        this.targets = targets;
        this.submit = submit;
        this.clock = clock;
    }

    /** Starts a job, or returns the one still running. */
    RefreshJob.Status startAll() {
        RefreshJob job;
        List<String> ids;
        synchronized (this) {
            if (current != null && current.running()) {
                return current.status();
            }
            ids = targets.get();
            job = new RefreshJob("job_" + UUID.randomUUID().toString().replace("-", ""), ids.size(), clock.instant());
            current = job;
            jobs.put(job.id(), job);
            while (jobs.size() > KEPT_JOBS) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        // Submitted outside the lock: a same-thread executor may finish the work (and call back) right here.
        for (String id : ids) {
            submit.apply(id).whenComplete((result, error) -> job.finished(error == null));
        }
        return job.status();
    }

    synchronized Optional<RefreshJob.Status> status(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(RefreshJob::status);
    }
}
