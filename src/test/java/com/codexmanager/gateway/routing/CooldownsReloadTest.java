package com.codexmanager.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What a reload takes from the benches other instances of a shared database stored, and what it drops. */
class CooldownsReloadTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    /** The shared table, as both instances see it. */
    final Map<String, Cooldowns.Entry> table = new ConcurrentHashMap<>();
    final Cooldowns.Store shared = new Cooldowns.Store() {
        @Override
        public void save(Cooldowns.Entry entry) {
            table.put(entry.accountId(), entry);
        }

        @Override
        public void delete(String accountId) {
            table.remove(accountId);
        }

        @Override
        public Iterable<Cooldowns.Entry> loadAll() {
            return List.copyOf(table.values());
        }
    };

    @Test
    void a_bench_taken_by_another_instance_is_honoured_after_a_reload() {
        Cooldowns mine = new Cooldowns(clock, shared);
        Cooldowns theirs = new Cooldowns(clock, shared);

        theirs.bench("acct-1", Cooldowns.Kind.USAGE_LIMIT, Optional.of(Duration.ofHours(2)));
        assertThat(mine.until("acct-1")).isEmpty();
        mine.reload();

        assertThat(mine.until("acct-1")).contains(clock.instant().plus(Duration.ofHours(2)));
    }

    @Test
    void a_bench_another_instance_cleared_after_a_success_ends_here_at_the_next_reload() {
        Cooldowns mine = new Cooldowns(clock, shared);
        Cooldowns theirs = new Cooldowns(clock, shared);
        theirs.bench("acct-1", Cooldowns.Kind.SERVER_ERROR, Optional.empty());
        mine.reload();
        assertThat(mine.until("acct-1")).isPresent();

        theirs.clear("acct-1");
        mine.reload();

        assertThat(mine.until("acct-1")).isEmpty();
    }

    @Test
    void a_bench_this_instance_just_took_survives_a_reload_that_does_not_see_it_yet() {
        Cooldowns mine = new Cooldowns(clock, shared);
        mine.bench("acct-1", Cooldowns.Kind.RATE_LIMITED, Optional.empty());
        table.clear(); // as if the read had started before the row was written

        mine.reload();
        assertThat(mine.until("acct-1")).as("within the grace").isPresent();

        clock.advance(Cooldowns.OWN_BENCH_GRACE.plusSeconds(1));
        mine.bench("acct-2", Cooldowns.Kind.USAGE_LIMIT, Optional.of(Duration.ofHours(1)));
        table.remove("acct-2");
        clock.advance(Cooldowns.OWN_BENCH_GRACE.plusSeconds(1));
        mine.reload();
        assertThat(mine.until("acct-2")).as("gone from the table well after it was taken").isEmpty();
    }

    @Test
    void a_longer_bench_stored_elsewhere_replaces_a_shorter_one_here_and_a_shorter_one_does_not() {
        Cooldowns mine = new Cooldowns(clock, shared);
        Cooldowns theirs = new Cooldowns(clock, shared);
        mine.bench("acct-1", Cooldowns.Kind.RATE_LIMITED, Optional.of(Duration.ofSeconds(30)));
        theirs.bench("acct-1", Cooldowns.Kind.USAGE_LIMIT, Optional.of(Duration.ofHours(3)));

        mine.reload();

        assertThat(mine.until("acct-1")).contains(clock.instant().plus(Duration.ofHours(3)));
    }
}
