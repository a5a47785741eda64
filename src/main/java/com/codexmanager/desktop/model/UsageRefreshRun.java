package com.codexmanager.desktop.model;

import com.codexmanager.desktop.UiJobs;
import java.util.function.Consumer;
import javax.swing.Timer;

/**
 * One "refresh usage of every account": starts the service's job and follows {@code job/status} on a Swing timer
 * until it ends, reporting progress and then calling {@code done} once (also after an error). While one run is
 * busy, {@link #start()} does nothing, so a double click never starts two. EDT only.
 */
public final class UsageRefreshRun {
    private static final int POLL_MILLIS = 300;

    private final UiJobs jobs;
    private final AccountsApi api;
    private final Consumer<JobStatus> progress;
    private final Runnable done;
    private final Timer poll;
    private String jobId;
    private boolean busy;

    public UsageRefreshRun(UiJobs jobs, AccountsApi api, Consumer<JobStatus> progress, Runnable done) {
        this.jobs = jobs;
        this.api = api;
        this.progress = progress;
        this.done = done;
        this.poll = new Timer(POLL_MILLIS, e -> pollJob());
    }

    public boolean busy() {
        return busy;
    }

    public void start() {
        if (busy) {
            return;
        }
        busy = true;
        jobs.deliver(api.refreshAllUsage(), this::show, error -> finish());
    }

    private void pollJob() {
        if (jobId != null) {
            jobs.deliver(api.job(jobId), this::show, error -> finish());
        }
    }

    private void show(JobStatus status) {
        if (!busy) {
            return;
        }
        progress.accept(status);
        if (status.finished() || status.jobId().isEmpty()) {
            finish();
        } else if (jobId == null) {
            jobId = status.jobId();
            poll.start();
        }
    }

    private void finish() {
        poll.stop();
        jobId = null;
        if (busy) {
            busy = false;
            done.run();
        }
    }

    /** Stops following (the service's job keeps running). */
    public void stop() {
        poll.stop();
        jobId = null;
        busy = false;
    }
}
