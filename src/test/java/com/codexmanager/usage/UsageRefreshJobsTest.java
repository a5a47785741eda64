package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.TestClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** "Refresh all" progress and dedup, with refreshes the test completes by hand. */
class UsageRefreshJobsTest {
    private final Map<String, CompletableFuture<Object>> pending = new LinkedHashMap<>();
    private final List<String> targets = new ArrayList<>(List.of("a", "b", "c"));
    private final UsageRefreshJobs jobs = new UsageRefreshJobs(() -> List.copyOf(targets), id -> {
        CompletableFuture<Object> f = new CompletableFuture<>();
        pending.put(id, f);
        return f;
    }, TestClock.create());

    @Test
    void progress_counts_finished_and_failed_accounts_until_the_job_is_done() {
        RefreshJob.Status started = jobs.startAll();

        assertThat(started.total()).isEqualTo(3);
        assertThat(started.done()).isZero();
        assertThat(started.running()).isTrue();

        pending.get("a").complete("ok");
        pending.get("b").completeExceptionally(new IllegalStateException("boom"));
        RefreshJob.Status midway = jobs.status(started.jobId()).orElseThrow();
        assertThat(midway.done()).isEqualTo(2);
        assertThat(midway.failed()).isEqualTo(1);
        assertThat(midway.running()).isTrue();

        pending.get("c").complete("ok");
        RefreshJob.Status done = jobs.status(started.jobId()).orElseThrow();
        assertThat(done.done()).isEqualTo(3);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(done.running()).isFalse();
    }

    @Test
    void a_second_refresh_all_while_one_runs_returns_the_running_job() {
        RefreshJob.Status first = jobs.startAll();

        RefreshJob.Status second = jobs.startAll();

        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(pending).hasSize(3);
    }

    @Test
    void a_refresh_all_after_the_previous_job_finished_starts_a_new_job() {
        RefreshJob.Status first = jobs.startAll();
        pending.values().forEach(f -> f.complete("ok"));
        pending.clear();

        RefreshJob.Status second = jobs.startAll();

        assertThat(second.jobId()).isNotEqualTo(first.jobId());
        assertThat(pending).hasSize(3);
        assertThat(jobs.status(first.jobId())).isPresent();
    }

    @Test
    void a_job_over_no_accounts_is_done_at_once() {
        targets.clear();

        RefreshJob.Status status = jobs.startAll();

        assertThat(status.total()).isZero();
        assertThat(status.running()).isFalse();
    }

    @Test
    void an_unknown_job_id_has_no_status() {
        assertThat(jobs.status("job_nope")).isEmpty();
    }
}
