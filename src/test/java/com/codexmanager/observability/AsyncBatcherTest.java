package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncBatcherTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstBatchEntered = new CountDownLatch(1);
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private AsyncBatcher<Integer> batcher;

    /** A consumer that holds its first batch until {@link #release} opens. */
    private Consumer<List<Integer>> gated() {
        return batch -> {
            firstBatchEntered.countDown();
            await(release);
            batches.add(new ArrayList<>(batch));
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        release.countDown();
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void items_queued_while_a_batch_is_written_go_out_together_in_order() {
        batcher = new AsyncBatcher<>("test-batcher", 1_000, 50, Duration.ZERO, gated());
        batcher.offer(0);
        await(firstBatchEntered);

        for (int i = 1; i <= 120; i++) {
            batcher.offer(i);
        }
        release.countDown();
        Await.until("all items written", () -> batcher.stats().written() == 121);

        assertThat(batches.stream().map(List::size).toList()).containsExactly(1, 50, 50, 20);
        assertThat(batches.stream().flatMap(List::stream).toList()).isSorted().hasSize(121);
        assertThat(batcher.stats().batches()).isEqualTo(4);
    }

    @Test
    void a_full_queue_drops_and_counts_without_blocking_the_caller() {
        batcher = new AsyncBatcher<>("test-batcher", 10, 5, Duration.ZERO, gated());
        batcher.offer(0);
        await(firstBatchEntered);

        long start = System.nanoTime();
        int accepted = 0;
        for (int i = 1; i <= 1_000; i++) {
            accepted += batcher.offer(i) ? 1 : 0;
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(accepted).isEqualTo(10);
        assertThat(batcher.stats().dropped()).isEqualTo(990);
        assertThat(batcher.stats().queued()).isEqualTo(10);
        assertThat(elapsedMillis).as("offer never waits for the writer").isLessThan(1_000);
        release.countDown();
        Await.until("queued items written", () -> batcher.stats().written() == 11);
    }

    @Test
    void close_writes_what_is_queued_and_refuses_later_items() {
        batcher = new AsyncBatcher<>("test-batcher", 1_000, 100, Duration.ZERO, gated());
        batcher.offer(0);
        await(firstBatchEntered);
        for (int i = 1; i <= 30; i++) {
            batcher.offer(i);
        }
        release.countDown();

        batcher.close();

        assertThat(batcher.stats().written()).isEqualTo(31);
        assertThat(batcher.offer(99)).isFalse();
        assertThat(batcher.stats().dropped()).isEqualTo(1);
    }

    @Test
    void a_failing_batch_is_counted_and_the_writer_carries_on() {
        batcher = new AsyncBatcher<>("test-batcher", 100, 100, Duration.ZERO, batch -> {
            if (batch.contains(13)) {
                throw new IllegalStateException("disk full");
            }
            batches.add(List.copyOf(batch));
        });

        batcher.offer(13);
        Await.until("failure counted", () -> batcher.stats().failed() == 1);
        batcher.offer(14);

        Await.until("next item written", () -> batcher.stats().written() == 1);
        assertThat(batches).containsExactly(List.of(14));
    }

    /** Under steady load items leave in few batches: one wake-up and one write per linger, not per item. */
    @Test
    void items_offered_during_the_linger_after_a_partial_batch_leave_together() {
        batcher = new AsyncBatcher<>("test-batcher", 1_000, 100, Duration.ofSeconds(1),
                batch -> batches.add(List.copyOf(batch)));
        batcher.offer(0);
        Await.until("the first item, written at once", () -> batcher.stats().written() == 1);

        for (int i = 1; i <= 10; i++) {
            batcher.offer(i);
        }
        Await.until("the rest written", () -> batcher.stats().written() == 11);

        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    @Test
    void close_cuts_the_linger_short_and_writes_what_is_queued() {
        batcher = new AsyncBatcher<>("test-batcher", 1_000, 100, Duration.ofMinutes(5),
                batch -> batches.add(List.copyOf(batch)));
        batcher.offer(0);
        Await.until("the first item written", () -> batcher.stats().written() == 1);
        batcher.offer(1);

        batcher.close(Duration.ofSeconds(10));

        assertThat(batches).containsExactly(List.of(0), List.of(1));
    }

    @Test
    void the_writer_thread_is_named() {
        batcher = new AsyncBatcher<>("codexmanager-test-writer", 10, 10, Duration.ZERO, b -> { });

        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("codexmanager-test-writer"));
        batcher.close();
        Await.until("thread ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("codexmanager-test-writer")));
    }
}
