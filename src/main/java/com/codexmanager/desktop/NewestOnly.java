package com.codexmanager.desktop;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Delivers only the newest of a series of loads of the same data. RPC answers can arrive out of order, so a list
 * asked for before an account's usage was stored could otherwise land after the one asked for afterwards and put
 * the stale rows back. An answer whose load has since been superseded is dropped. EDT only.
 */
public final class NewestOnly {
    private final UiJobs jobs;
    private long issued;

    public NewestOnly(UiJobs jobs) {
        this.jobs = jobs;
    }

    /** Like {@link UiJobs#deliver}, but neither callback runs if another load started after this one. */
    public <T> CompletableFuture<T> deliver(CompletableFuture<T> load, Consumer<? super T> onDone,
            Consumer<Throwable> onError) {
        long mine = ++issued;
        return jobs.deliver(load, value -> {
            if (mine == issued) {
                onDone.accept(value);
            }
        }, error -> {
            if (mine == issued) {
                onError.accept(error);
            }
        });
    }
}
