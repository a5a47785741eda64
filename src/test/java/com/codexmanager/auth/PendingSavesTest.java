package com.codexmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingSavesTest {
    private final PendingSaves saves = new PendingSaves();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void nothing_pending_lets_a_refresh_through_at_once() {
        assertThat(saves.awaitNone(Duration.ofDays(1))).isTrue();
        assertThat(saves.waiting()).isZero();
    }

    @Test
    void a_refresh_waits_until_every_pending_save_has_ended() throws Exception {
        PendingSaves.Saving first = saves.begin();
        PendingSaves.Saving second = saves.begin();
        Future<Boolean> waited = pool.submit(() -> saves.awaitNone(Duration.ofMinutes(1)));
        Await.until("the refresh waiting", () -> saves.waiting() == 1);

        first.close();
        first.close(); // a second close of one save changes nothing
        assertThat(saves.saving()).isEqualTo(1);
        assertThat(waited).isNotDone();

        second.close();
        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(saves.saving()).isZero();
        assertThat(saves.waiting()).isZero();
    }

    @Test
    void a_save_that_never_ends_delays_a_refresh_only_up_to_the_limit() {
        saves.begin();

        assertThat(saves.awaitNone(Duration.ofMillis(20))).isFalse();
        assertThat(saves.waiting()).isZero();
    }

    @Test
    void an_interrupt_ends_the_wait_and_stays_set() throws Exception {
        saves.begin();
        Future<Boolean> interrupted = pool.submit(() -> {
            Thread.currentThread().interrupt();
            return !saves.awaitNone(Duration.ofMinutes(1)) && Thread.currentThread().isInterrupted();
        });

        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }
}
