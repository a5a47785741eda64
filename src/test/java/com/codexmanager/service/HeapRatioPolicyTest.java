package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.service.HeapRatioPolicy.Mode;
import org.junit.jupiter.api.Test;

class HeapRatioPolicyTest {
    private final HeapRatioPolicy policy = new HeapRatioPolicy();

    @Test
    void a_service_that_has_just_started_counts_as_busy() {
        assertThat(policy.tick(0)).isEqualTo(Mode.BUSY);
        assertThat(policy.tick(40)).isEqualTo(Mode.BUSY);
    }

    @Test
    void a_tick_without_collections_makes_it_quiet_and_a_burst_of_them_busy_again() {
        policy.tick(10);

        assertThat(policy.tick(10)).isEqualTo(Mode.QUIET);
        assertThat(policy.tick(10 + HeapRatioPolicy.BUSY_COLLECTIONS)).isEqualTo(Mode.BUSY);
        assertThat(policy.tick(10 + HeapRatioPolicy.BUSY_COLLECTIONS)).isEqualTo(Mode.QUIET);
    }

    @Test
    void the_periodic_collection_of_an_idle_jvm_keeps_it_quiet() {
        policy.tick(5);
        policy.tick(5);

        assertThat(policy.tick(6)).as("one periodic collection").isEqualTo(Mode.QUIET);
        assertThat(policy.tick(6)).isEqualTo(Mode.QUIET);
        assertThat(policy.tick(7)).isEqualTo(Mode.QUIET);
    }
}
