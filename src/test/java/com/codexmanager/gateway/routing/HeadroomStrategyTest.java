package com.codexmanager.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The {@code headroom} strategy on pools of mixed plans, windows and resets, with a fake clock: the choice is a pure
 * function of the pool state, quota that resets soonest goes first, the weekly window counts, accounts at the
 * high-water mark get no new conversation while one below half can serve, and conversations keep their account
 * until it crosses the mark.
 */
class HeadroomStrategyTest {
    private static final long FIVE_HOURS = 300;
    private static final long WEEK = 10_080;

    private final TestClock clock = TestClock.create();
    private final Cooldowns cooldowns = new Cooldowns(clock, Cooldowns.Store.NONE);
    private final AffinityMap affinity = new AffinityMap(clock, Duration.ofHours(1), 1000);
    private final AtomicReference<PoolSnapshot> snapshot = new AtomicReference<>(PoolSnapshot.empty());
    private final CandidateSelector selector = new CandidateSelector(snapshot::get, cooldowns, affinity, clock);
    private final List<PoolAccount> accounts = new ArrayList<>();

    private AccountQuota.Window fiveHour(double used, Duration resetIn) {
        return new AccountQuota.Window(used, FIVE_HOURS, clock.instant().plus(resetIn));
    }

    private AccountQuota.Window weekly(double used, Duration resetIn) {
        return new AccountQuota.Window(used, WEEK, clock.instant().plus(resetIn));
    }

    private void pool(PoolAccount... members) {
        accounts.clear();
        accounts.addAll(List.of(members));
        snapshot.set(PoolSnapshot.of(accounts, clock.instant()));
    }

    /** The usage poller brought new numbers: the snapshot is rebuilt at the clock's time. */
    private void replace(PoolAccount changed) {
        accounts.replaceAll(a -> a.id().equals(changed.id()) ? changed : a);
        snapshot.set(PoolSnapshot.of(accounts, clock.instant()));
    }

    private static PoolAccount account(String id, long sort, String plan, AccountQuota.Window shortWindow,
            AccountQuota.Window longWindow) {
        return new PoolAccount(id, sort, "default", PoolAccount.Status.ACTIVE, true, null, plan,
                new AccountQuota(shortWindow, longWindow));
    }

    private Selection newConversation() {
        return selector.select(new RouteRequest("key", "gpt-5.5", null, null, null, RouteStrategy.HEADROOM, 4));
    }

    private Selection turn(String conversation) {
        return selector.select(new RouteRequest("key", "gpt-5.5", null, conversation, null, RouteStrategy.HEADROOM,
                4));
    }

    private static List<String> ids(Selection selection) {
        return selection.candidates().stream().map(PoolAccount::id).toList();
    }

    @Test
    void an_account_at_ninety_percent_gets_no_new_conversation_while_another_is_at_ten() {
        pool(account("busy", 1, "plus", fiveHour(90, Duration.ofHours(1)), weekly(30, Duration.ofDays(3))),
                account("idle", 2, "plus", fiveHour(10, Duration.ofHours(4)), weekly(30, Duration.ofDays(3))));

        for (int i = 0; i < 5; i++) {
            assertThat(ids(newConversation())).containsExactly("idle", "busy");
        }
    }

    @Test
    void quota_that_resets_soonest_is_spent_first_even_with_less_left() {
        pool(account("later", 1, "plus", fiveHour(20, Duration.ofHours(4)), weekly(10, Duration.ofDays(5))),
                account("soon", 2, "plus", fiveHour(45, Duration.ofMinutes(20)), weekly(10, Duration.ofDays(5))));

        assertThat(ids(newConversation())).containsExactly("soon", "later");
    }

    @Test
    void the_weekly_window_counts_so_a_fresh_five_hours_does_not_hide_a_spent_week() {
        pool(account("week-spent", 1, "plus", fiveHour(0, Duration.ofHours(5)), weekly(84, Duration.ofDays(3))),
                account("steady", 2, "plus", fiveHour(40, Duration.ofHours(3)), weekly(20, Duration.ofDays(3))));

        assertThat(ids(newConversation())).containsExactly("steady", "week-spent");
    }

    @Test
    void mixed_plans_weigh_a_percent_by_the_size_of_the_plan() {
        pool(account("free", 1, "free", null, weekly(10, Duration.ofDays(6))),
                account("plus", 2, "plus", fiveHour(40, Duration.ofHours(3)), weekly(40, Duration.ofDays(4))),
                account("pro", 3, "pro", fiveHour(60, Duration.ofHours(3)), weekly(45, Duration.ofDays(4))));

        assertThat(ids(newConversation())).containsExactly("pro", "plus", "free");
    }

    @Test
    void a_paid_account_at_the_mark_yields_to_a_free_account_below_half() {
        pool(account("plus", 1, "plus", fiveHour(86, Duration.ofHours(2)), weekly(40, Duration.ofDays(4))),
                account("free", 2, "free", null, weekly(10, Duration.ofDays(6))));

        assertThat(ids(newConversation())).containsExactly("free", "plus");
    }

    @Test
    void with_no_account_below_half_accounts_at_the_mark_still_serve_by_score() {
        pool(account("steady", 1, "plus", fiveHour(70, Duration.ofHours(4)), weekly(60, Duration.ofDays(4))),
                account("resetting", 2, "plus", fiveHour(88, Duration.ofMinutes(10)),
                        weekly(60, Duration.ofDays(4))));

        assertThat(ids(newConversation())).containsExactly("resetting", "steady");
    }

    @Test
    void equal_accounts_are_chosen_in_pool_order_every_time() {
        pool(account("b", 2, "plus", fiveHour(30, Duration.ofHours(2)), weekly(30, Duration.ofDays(2))),
                account("a", 1, "plus", fiveHour(30, Duration.ofHours(2)), weekly(30, Duration.ofDays(2))),
                account("c", 3, "plus", fiveHour(30, Duration.ofHours(2)), weekly(30, Duration.ofDays(2))));

        for (int i = 0; i < 5; i++) {
            assertThat(ids(newConversation())).containsExactly("a", "b", "c");
        }
    }

    @Test
    void a_conversation_keeps_its_account_until_that_account_crosses_the_mark() {
        PoolAccount first = account("first", 1, "plus", fiveHour(70, Duration.ofHours(4)),
                weekly(20, Duration.ofDays(4)));
        pool(first, account("second", 2, "plus", fiveHour(10, Duration.ofHours(4)), weekly(20, Duration.ofDays(4))));
        affinity.bind("key", "conv", "first");

        Selection kept = turn("conv");
        replace(first.withQuota(new AccountQuota(fiveHour(86, Duration.ofHours(4)), weekly(22, Duration.ofDays(4)))));
        Selection moved = turn("conv");

        assertThat(kept.source()).isEqualTo("affinity");
        assertThat(ids(kept)).startsWith("first");
        assertThat(moved.source()).isEqualTo("headroom");
        assertThat(ids(moved)).containsExactly("second", "first");
        assertThat(moved.skips()).extracting(Selection.Skip::reason).containsExactly(SkipReason.OVER_HIGH_WATER);
    }

    @Test
    void a_pinned_account_serves_under_headroom_even_at_the_mark() {
        pool(account("busy", 1, "plus", fiveHour(95, Duration.ofHours(1)), weekly(30, Duration.ofDays(3))),
                account("idle", 2, "plus", fiveHour(10, Duration.ofHours(4)), weekly(30, Duration.ofDays(3))));
        affinity.bind("key", "conv", "idle");

        Selection selection = selector.select(new RouteRequest("key", "gpt-5.5", null, "conv", "busy",
                RouteStrategy.HEADROOM, 4));

        assertThat(ids(selection)).containsExactly("busy", "idle");
        assertThat(selection.source()).isEqualTo("pinned");
    }

    @Test
    void a_window_that_has_reset_counts_as_fresh() {
        pool(account("spent", 1, "plus", fiveHour(99, Duration.ofMinutes(30)), weekly(10, Duration.ofDays(3))),
                account("half", 2, "plus", fiveHour(55, Duration.ofHours(4)), weekly(10, Duration.ofDays(3))));
        assertThat(ids(newConversation())).first().isEqualTo("half");

        clock.advance(Duration.ofMinutes(31));
        snapshot.set(PoolSnapshot.of(accounts, clock.instant()));

        assertThat(ids(newConversation())).first().isEqualTo("spent");
    }

    @Test
    void a_higher_mark_lets_busier_accounts_take_new_conversations() {
        pool(account("busy", 1, "plus", fiveHour(90, Duration.ofMinutes(15)), weekly(30, Duration.ofDays(3))),
                account("idle", 2, "plus", fiveHour(10, Duration.ofHours(4)), weekly(30, Duration.ofDays(3))));

        Selection selection = selector.select(new RouteRequest("key", "gpt-5.5", null, null, null,
                RouteStrategy.HEADROOM, 4, 95));

        assertThat(ids(selection)).containsExactly("busy", "idle");
    }

    @Test
    void an_account_without_usage_data_counts_as_half_used() {
        pool(new PoolAccount("unknown", 1, "default", PoolAccount.Status.ACTIVE, true, null, "plus", null),
                account("fresh", 2, "plus", fiveHour(5, Duration.ofHours(5)), weekly(5, Duration.ofDays(6))),
                account("worn", 3, "plus", fiveHour(80, Duration.ofHours(5)), weekly(5, Duration.ofDays(6))));

        assertThat(ids(newConversation())).containsExactly("fresh", "unknown", "worn");
        assertThat(HeadroomScore.usedPercent(snapshot.get().find("unknown"), clock.instant()))
                .isEqualTo(HeadroomScore.UNKNOWN_USED_PERCENT);
    }

    @Test
    void the_score_is_the_pace_that_spends_the_binding_window_before_it_resets() {
        Instant now = clock.instant();
        PoolAccount plus = account("p", 1, "plus", fiveHour(60, Duration.ofHours(2)), weekly(10, Duration.ofDays(4)));
        PoolAccount pro = plus.withPlan("pro");

        assertThat(HeadroomScore.of(plus, now)).isEqualTo(20.0);
        assertThat(HeadroomScore.of(pro, now)).isEqualTo(200.0);
    }
}
