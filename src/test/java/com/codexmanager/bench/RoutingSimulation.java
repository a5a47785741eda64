package com.codexmanager.bench;

import com.codexmanager.gateway.routing.AccountQuota;
import com.codexmanager.gateway.routing.AffinityMap;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.Cooldowns;
import com.codexmanager.gateway.routing.ModelOffers;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.PoolSnapshot;
import com.codexmanager.gateway.routing.RouteRequest;
import com.codexmanager.gateway.routing.RouteStrategy;
import com.codexmanager.gateway.routing.Selection;
import com.codexmanager.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Plays a day of traffic against a pool of accounts once per route strategy and prints, per strategy, how many
 * requests were served before the first one a client saw refused with {@code usage_limit}, and the day's totals.
 * The gateway's real routing classes choose the accounts ({@link CandidateSelector} with its cooldowns, affinity
 * and headroom ranking); the upstream is a quota model: each served request adds a plan-dependent percent to the
 * account's windows, windows start over at their reset (5-hour windows roll on, weekly ones once), an account at
 * 100 % answers {@code usage_limit} and is benched until its reset, as the gateway does. The traffic (conversations
 * of several turns, busy working hours) is drawn from a fixed seed, so every strategy meets the same day. Nothing
 * here is a measurement of a real plan's limits: the percents per request are assumptions, printed with the pool.
 * Besides the requests, it counts the 5-hour quota that started over unused (in plus windows, a pro percent
 * counting ten) and how often a conversation had to move to another account (a cold prompt cache).
 *
 * <p>Run by {@code scripts/simulate-routing.sh [FIRST_SEED] [DAYS] [CONVERSATIONS]}: one day per seed, each with
 * its own pool state and traffic; prints the first day and the mean over all. Single-threaded.
 */
public final class RoutingSimulation {
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration FIVE_HOURS = Duration.ofHours(5);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final int MAX_CANDIDATES = 4;

    /** One account's windows and what a request costs it. Mutable; the simulation thread only. */
    private static final class SimAccount {
        final String id;
        final int sort;
        final String plan;
        final double shortCost;
        final double longCost;
        Double shortUsed;
        Instant shortReset;
        /** Percent of 5-hour windows that started over unused, in plus windows (a pro percent counts ten). */
        double shortWasted;
        double longUsed;
        Instant longReset;

        SimAccount(String id, int sort, String plan, Double shortUsed, Duration shortResetIn, double shortCost,
                double longUsed, Duration longResetIn, double longCost) {
            this.id = id;
            this.sort = sort;
            this.plan = plan;
            this.shortUsed = shortUsed;
            this.shortReset = shortResetIn == null ? null : START.plus(shortResetIn);
            this.shortCost = shortCost;
            this.longUsed = longUsed;
            this.longReset = START.plus(longResetIn);
            this.longCost = longCost;
        }

        SimAccount copy() {
            return new SimAccount(id, sort, plan, shortUsed, shortReset == null ? null
                    : Duration.between(START, shortReset), shortCost, longUsed, Duration.between(START, longReset),
                    longCost);
        }

        /** Windows that reached their reset start over (5-hour windows roll on, the weekly one once). */
        void roll(Instant now) {
            while (shortReset != null && !now.isBefore(shortReset)) {
                shortWasted += (100 - shortUsed) * (plan.equals("pro") ? 10 : 1);
                shortUsed = 0.0;
                shortReset = shortReset.plus(FIVE_HOURS);
            }
            if (!now.isBefore(longReset)) {
                longUsed = 0;
                longReset = longReset.plus(WEEK);
            }
        }

        /** When the account can serve again, or null when it can serve now. */
        Instant exhaustedUntil() {
            Instant until = null;
            if (shortUsed != null && shortUsed >= 100) {
                until = shortReset;
            }
            if (longUsed >= 100 && (until == null || longReset.isAfter(until))) {
                until = longReset;
            }
            return until;
        }

        void serve() {
            if (shortUsed != null) {
                shortUsed = Math.min(100, shortUsed + shortCost);
            }
            longUsed = Math.min(100, longUsed + longCost);
        }

        PoolAccount view() {
            AccountQuota quota = new AccountQuota(shortUsed == null ? null
                    : new AccountQuota.Window(shortUsed, 300, shortReset),
                    new AccountQuota.Window(longUsed, 10_080, longReset));
            Instant until = exhaustedUntil();
            return new PoolAccount(id, sort, "default", until == null ? PoolAccount.Status.ACTIVE
                    : PoolAccount.Status.LIMITED, true, until, plan, quota);
        }

        String describe() {
            return String.format(Locale.ROOT, "%-7s %-4s %s weekly %.0f %% (resets in %s), +%s per request", id,
                    plan, shortUsed == null ? "no 5 h window," : String.format(Locale.ROOT,
                            "5 h %.0f %% (resets in %s),", shortUsed, hours(Duration.between(START, shortReset))),
                    longUsed, hours(Duration.between(START, longReset)), shortUsed == null
                            ? String.format(Locale.ROOT, "%.2f %% weekly", longCost)
                            : String.format(Locale.ROOT, "%.2f %% 5 h / %.2f %% weekly", shortCost, longCost));
        }
    }

    /** One request of a conversation. */
    private record Turn(Instant at, String conversation) {
    }

    /** What one strategy did with the day. */
    private record Result(RouteStrategy strategy, long servedBeforeFirstRefusal, Instant firstRefusal, long served,
            long refused, double shortWasted, long conversationMoves) {
    }

    private RoutingSimulation() {
    }

    public static void main(String[] args) {
        long firstSeed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int conversations = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        java.util.Map<RouteStrategy, List<Result>> all = new java.util.EnumMap<>(RouteStrategy.class);
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Random random = new Random(seed);
            List<SimAccount> pool = pool(random);
            List<Turn> day = traffic(random, conversations);
            if (seed == firstSeed) {
                System.out.printf(Locale.ROOT, "Example day (seed %d): %d accounts at 00:00, in pool order:%n", seed,
                        pool.size());
                pool.forEach(a -> System.out.println("  " + a.describe()));
                System.out.printf(Locale.ROOT, "%d conversations, %d requests, 80 %% of them 09-18 h%n%n",
                        conversations, day.size());
                System.out.println(HEADER);
                System.out.println(RULE);
            }
            for (RouteStrategy strategy : RouteStrategy.values()) {
                Result result = play(strategy, pool, day);
                all.computeIfAbsent(strategy, k -> new ArrayList<>()).add(result);
                if (seed == firstSeed) {
                    System.out.println(row(strategy.code(), List.of(result)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nMean over %d days (seeds %d-%d), each strategy on the same pools and "
                + "traffic:%n%n", seeds, firstSeed, firstSeed + seeds - 1);
        System.out.println(HEADER);
        System.out.println(RULE);
        all.forEach((strategy, results) -> System.out.println(row(strategy.code(), results)));
    }

    private static final String HEADER = "| strategy | served before the first usage_limit | first usage_limit at "
            + "| served in 24 h | refused (usage_limit) | 5 h quota that reset unused | conversations moved |";
    private static final String RULE = "|---|---|---|---|---|---|---|";

    private static String row(String name, List<Result> results) {
        double before = results.stream().mapToLong(Result::servedBeforeFirstRefusal).average().orElse(0);
        List<Instant> firsts = results.stream().map(Result::firstRefusal).filter(java.util.Objects::nonNull)
                .toList();
        String first = firsts.isEmpty() ? "never" : clock(Instant.ofEpochSecond((long) firsts.stream()
                .mapToLong(Instant::getEpochSecond).average().orElseThrow()))
                + (firsts.size() < results.size() ? " (" + (results.size() - firsts.size()) + " days never)" : "");
        return String.format(Locale.ROOT, "| %s | %,.0f | %s | %,.0f | %,.0f | %,.0f %% | %,.0f |", name, before,
                first, results.stream().mapToLong(Result::served).average().orElse(0),
                results.stream().mapToLong(Result::refused).average().orElse(0),
                results.stream().mapToDouble(Result::shortWasted).average().orElse(0),
                results.stream().mapToLong(Result::conversationMoves).average().orElse(0));
    }

    /**
     * Three plus accounts, a pro and two free ones (weekly window only), each somewhere in its windows (used
     * percent and time to reset drawn from {@code random}), in a random pool order. A request costs plus 2.5 % of
     * the 5-hour and 0.35 % of the weekly window, pro a tenth of that, free 4 % of its weekly window.
     */
    static List<SimAccount> pool(Random random) {
        List<SimAccount> accounts = new ArrayList<>();
        String[] plans = {"plus", "plus", "plus", "pro", "free", "free"};
        List<Integer> order = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6));
        java.util.Collections.shuffle(order, random);
        for (int i = 0; i < plans.length; i++) {
            String plan = plans[i];
            boolean free = plan.equals("free");
            double scale = plan.equals("pro") ? 0.1 : 1;
            Double shortUsed = free ? null : Double.valueOf(Math.round(random.nextDouble() * 90));
            Duration shortReset = free ? null : Duration.ofMinutes(5 + random.nextInt(296));
            double longUsed = Math.round(random.nextDouble() * 80);
            Duration longReset = Duration.ofHours(6 + random.nextInt(163));
            accounts.add(new SimAccount(plan + "-" + (i + 1), order.get(i), plan, shortUsed, shortReset,
                    2.5 * scale, longUsed, longReset, free ? 4.0 : 0.35 * scale));
        }
        accounts.sort(Comparator.comparingInt(a -> a.sort));
        return accounts;
    }

    /** Conversations arrive over the day, most between 09:00 and 18:00, each with 3-15 turns 1-4 minutes apart. */
    static List<Turn> traffic(Random random, int conversations) {
        List<Turn> turns = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            double hour = random.nextDouble() < 0.8 ? 9 + random.nextDouble() * 9 : random.nextDouble() * 24;
            Instant at = START.plusSeconds((long) (hour * 3600));
            int count = 3 + random.nextInt(13);
            for (int t = 0; t < count; t++) {
                if (at.isBefore(START.plus(DAY))) {
                    turns.add(new Turn(at, "conv-" + c));
                }
                at = at.plusSeconds(60 + random.nextInt(180));
            }
        }
        turns.sort(Comparator.comparing(Turn::at).thenComparing(Turn::conversation));
        return turns;
    }

    static Result play(RouteStrategy strategy, List<SimAccount> initial, List<Turn> day) {
        List<SimAccount> accounts = initial.stream().map(SimAccount::copy).toList();
        TestClock clock = TestClock.at(START);
        Cooldowns cooldowns = new Cooldowns(clock, Cooldowns.Store.NONE);
        AffinityMap affinity = new AffinityMap(clock, Duration.ofHours(1), 100_000);
        PoolSnapshot[] snapshot = {PoolSnapshot.empty()};
        CandidateSelector selector = new CandidateSelector(() -> snapshot[0], cooldowns, affinity, ModelOffers.ANY,
                clock);
        long served = 0;
        long refused = 0;
        long moves = 0;
        Long beforeFirstRefusal = null;
        Instant firstRefusal = null;
        java.util.Map<String, String> lastAccount = new java.util.HashMap<>();
        for (Turn turn : day) {
            clock.advance(Duration.between(clock.instant(), turn.at()));
            accounts.forEach(a -> a.roll(clock.instant()));
            snapshot[0] = PoolSnapshot.of(accounts.stream().map(SimAccount::view).toList(), clock.instant());
            Selection selection = selector.select(new RouteRequest("key", "gpt-5.5", null, turn.conversation(),
                    null, strategy, MAX_CANDIDATES));
            Optional<SimAccount> serving = Optional.empty();
            for (PoolAccount candidate : selection.candidates()) {
                SimAccount account = accounts.stream().filter(a -> a.id.equals(candidate.id())).findFirst()
                        .orElseThrow();
                Instant until = account.exhaustedUntil();
                if (until != null) {
                    cooldowns.bench(account.id, Cooldowns.Kind.USAGE_LIMIT,
                            Optional.of(Duration.between(clock.instant(), until)));
                    continue;
                }
                serving = Optional.of(account);
                break;
            }
            if (serving.isEmpty()) {
                refused++;
                if (firstRefusal == null) {
                    firstRefusal = clock.instant();
                    beforeFirstRefusal = served;
                }
                continue;
            }
            SimAccount account = serving.get();
            account.serve();
            affinity.bind("key", turn.conversation(), account.id);
            String previous = lastAccount.put(turn.conversation(), account.id);
            if (previous != null && !previous.equals(account.id)) {
                moves++;
            }
            served++;
        }
        Instant end = START.plus(DAY);
        accounts.forEach(a -> a.roll(end));
        return new Result(strategy, beforeFirstRefusal == null ? served : beforeFirstRefusal, firstRefusal, served,
                refused, accounts.stream().mapToDouble(a -> a.shortWasted).sum(), moves);
    }

    private static String clock(Instant at) {
        Duration since = Duration.between(START, at);
        return String.format(Locale.ROOT, "%02d:%02d", since.toHours(), since.toMinutesPart());
    }

    private static String hours(Duration d) {
        return d.toHours() >= 48 ? d.toDays() + " d" : d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
