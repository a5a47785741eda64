package com.codexmanager.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CandidateSelectorTest {
    private final TestClock clock = TestClock.create();
    private final Cooldowns cooldowns = new Cooldowns(clock, Cooldowns.Store.NONE);
    private final AffinityMap affinity = new AffinityMap(clock, Duration.ofHours(1), 1000);

    private static PoolAccount account(String id, long sort) {
        return new PoolAccount(id, sort, "default", PoolAccount.Status.ACTIVE, true, null);
    }

    private CandidateSelector selector(List<PoolAccount> accounts) {
        PoolSnapshot snapshot = PoolSnapshot.of(accounts);
        return new CandidateSelector(() -> snapshot, cooldowns, affinity, clock);
    }

    private static RouteRequest request(RouteStrategy strategy, String conversation, String preferred) {
        return new RouteRequest("key", "gpt-5.5", null, conversation, preferred, strategy, 3);
    }

    private static List<String> ids(Selection s) {
        return s.candidates().stream().map(PoolAccount::id).toList();
    }

    @Test
    void ordered_walks_the_sort_order_from_the_top() {
        CandidateSelector selector = selector(List.of(account("c", 3), account("a", 1), account("b", 2)));

        assertThat(ids(selector.select(request(RouteStrategy.ORDERED, null, null)))).containsExactly("a", "b", "c");
        assertThat(ids(selector.select(request(RouteStrategy.ORDERED, null, null)))).containsExactly("a", "b", "c");
    }

    @Test
    void balanced_rotates_the_start_per_key_and_model() {
        CandidateSelector selector = selector(List.of(account("a", 1), account("b", 2), account("c", 3)));

        List<String> heads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            heads.add(ids(selector.select(request(RouteStrategy.BALANCED, null, null))).get(0));
        }

        assertThat(heads).containsExactly("a", "b", "c");
    }

    @Test
    void benched_and_exhausted_accounts_are_skipped_with_their_reason() {
        PoolAccount exhausted = new PoolAccount("x", 0, "default", PoolAccount.Status.LIMITED, true,
                clock.instant().plusSeconds(600));
        CandidateSelector selector = selector(List.of(exhausted, account("a", 1), account("b", 2)));
        cooldowns.bench("a", Cooldowns.Kind.RATE_LIMITED, Optional.empty());

        Selection selection = selector.select(request(RouteStrategy.ORDERED, null, null));

        assertThat(ids(selection)).containsExactly("b");
        assertThat(selection.skips()).extracting(Selection.Skip::accountId, Selection.Skip::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x", SkipReason.EXHAUSTED),
                        org.assertj.core.groups.Tuple.tuple("a", SkipReason.COOLDOWN));
    }

    @Test
    void an_exhausted_account_is_usable_again_after_its_reset_without_any_poll() {
        PoolAccount exhausted = new PoolAccount("x", 0, "default", PoolAccount.Status.LIMITED, true,
                clock.instant().plusSeconds(600));
        CandidateSelector selector = selector(List.of(exhausted));

        assertThat(selector.select(request(RouteStrategy.ORDERED, null, null)).isEmpty()).isTrue();
        clock.advance(Duration.ofSeconds(601));
        assertThat(ids(selector.select(request(RouteStrategy.ORDERED, null, null)))).containsExactly("x");
    }

    @Test
    void burst_cooldowns_grow_but_stay_short() {
        Cooldowns.Entry first = cooldowns.bench("a", Cooldowns.Kind.RATE_LIMITED, Optional.empty());
        for (int i = 0; i < 20; i++) {
            cooldowns.bench("a", Cooldowns.Kind.RATE_LIMITED, Optional.empty());
        }

        assertThat(Duration.between(clock.instant(), first.until())).isEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(clock.instant(), cooldowns.until("a").orElseThrow()))
                .isLessThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void the_pinned_account_goes_first_even_before_a_conversations_account() {
        CandidateSelector selector = selector(List.of(account("a", 1), account("b", 2), account("c", 3)));
        affinity.bind("key", "conv", "c");

        Selection pinned = selector.select(request(RouteStrategy.ORDERED, "conv", "b"));

        assertThat(ids(pinned)).containsExactly("b", "c", "a");
        assertThat(pinned.source()).isEqualTo("pinned");
        assertThat(ids(selector.select(request(RouteStrategy.BALANCED, null, "b")))).startsWith("b");
        assertThat(selector.select(request(RouteStrategy.ORDERED, "conv", null)).source()).isEqualTo("affinity");
    }

    @Test
    void a_pinned_account_that_cannot_serve_gives_way_to_the_conversation_and_the_order() {
        CandidateSelector selector = selector(List.of(account("a", 1), account("b", 2), account("c", 3)));
        affinity.bind("key", "conv", "c");
        cooldowns.bench("b", Cooldowns.Kind.SERVER_ERROR, Optional.empty());

        Selection selection = selector.select(request(RouteStrategy.ORDERED, "conv", "b"));

        assertThat(ids(selection)).containsExactly("c", "a");
        assertThat(selection.source()).isEqualTo("affinity");
        assertThat(selection.skips()).extracting(Selection.Skip::reason).containsExactly(SkipReason.COOLDOWN);
    }

    @Test
    void an_account_whose_plan_does_not_offer_the_model_is_skipped_with_that_reason() {
        PoolAccount free = account("f", 1).withPlan("free");
        PoolAccount plus = account("p", 2).withPlan("plus");
        PoolSnapshot snapshot = PoolSnapshot.of(List.of(free, plus), clock.instant());
        ModelOffers offers = (plan, model) -> !("free".equals(plan) && model.equals("gpt-5.6-sol"));
        CandidateSelector selector = new CandidateSelector(() -> snapshot, cooldowns, affinity, offers, clock);

        Selection selection = selector.select(new RouteRequest("key", "gpt-5.6-sol", null, null, null,
                RouteStrategy.ORDERED, 3));

        assertThat(ids(selection)).containsExactly("p");
        assertThat(selection.skips()).extracting(Selection.Skip::accountId, Selection.Skip::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("f", SkipReason.MODEL_NOT_OFFERED));
        assertThat(selector.canServe(null, "gpt-5.6-sol")).isTrue();
        assertThat(selector.canServe(null, "gpt-5.5")).isTrue();
    }

    @Test
    void affinity_expires_after_its_ttl() {
        affinity.bind("key", "conv", "c");
        clock.advance(Duration.ofHours(2));

        assertThat(affinity.lookup("key", "conv")).isEmpty();
    }

    @Test
    void disabled_and_tokenless_accounts_never_reach_a_request() {
        PoolSnapshot snapshot = PoolSnapshot.of(List.of(account("a", 1),
                new PoolAccount("d", 0, "g", PoolAccount.Status.DISABLED, true, null),
                new PoolAccount("n", 0, "g", PoolAccount.Status.ACTIVE, false, null),
                new PoolAccount("u", 0, "g", PoolAccount.Status.UNAVAILABLE, true, null)));

        assertThat(snapshot.routable(null)).extracting(PoolAccount::id).containsExactly("a");
        assertThat(snapshot.excluded()).containsEntry(SkipReason.DISABLED, 1).containsEntry(SkipReason.MISSING_TOKEN, 1)
                .containsEntry(SkipReason.NEEDS_LOGIN, 1);
    }

    @Test
    void cooldowns_survive_a_restart_through_their_store() {
        List<Cooldowns.Entry> saved = new ArrayList<>();
        Cooldowns.Store store = new Cooldowns.Store() {
            @Override
            public void save(Cooldowns.Entry entry) {
                saved.removeIf(e -> e.accountId().equals(entry.accountId()));
                saved.add(entry);
            }

            @Override
            public void delete(String accountId) {
                saved.removeIf(e -> e.accountId().equals(accountId));
            }

            @Override
            public Iterable<Cooldowns.Entry> loadAll() {
                return List.copyOf(saved);
            }
        };
        new Cooldowns(clock, store).bench("a", Cooldowns.Kind.CHALLENGE, Optional.empty());

        assertThat(new Cooldowns(clock, store).until("a")).isPresent();
    }
}
