package com.codexmanager.desktop;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;

/**
 * Runs UI-started work off the EDT and delivers results back on it. Work either is already asynchronous (an RPC
 * future) or runs on the app's named {@code desktop-job} threads. Every tracked future is cancelled by
 * {@link #close()}, and callbacks of cancelled work never run. Thread-safe.
 */
public final class UiJobs implements AutoCloseable {
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "desktop-job-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

    /** Runs {@code work} on a job thread. */
    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /**
     * Delivers the outcome of {@code future} on the EDT: {@code onDone} with the value or {@code onError} with the
     * cause. Nothing is delivered when the future is cancelled. Returns {@code future} so callers can cancel it.
     */
    public <T> CompletableFuture<T> deliver(CompletableFuture<T> future, Consumer<? super T> onDone,
            Consumer<Throwable> onError) {
        running.add(future);
        future.whenComplete((value, error) -> {
            running.remove(future);
            if (future.isCancelled() || error instanceof CancellationException) {
                return;
            }
            SwingUtilities.invokeLater(() -> {
                if (error == null) {
                    onDone.accept(value);
                } else {
                    onError.accept(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                }
            });
        });
        return future;
    }

    /** Cancels everything in flight and stops the job threads. */
    @Override
    public void close() {
        running.forEach(f -> f.cancel(true));
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
