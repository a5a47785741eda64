package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-key totals over a range ({@code apikey/usage}, the daily token seed): whole hours come from the rolled-up
 * totals plus rows not rolled up yet, partial hours from the rows, and no row is counted twice.
 */
class KeyTotalsTest {
    private static final Instant NOON = Instant.parse("2026-04-02T12:00:00Z");

    private final Database database = Database.inMemory("key-totals");
    private final RequestLogRepository repository = new RequestLogRepository(database.sql());
    private final HourlyTotals totals = new HourlyTotals(database.sql(), repository);
    private final RequestLogService service = new RequestLogService(repository, totals);

    @AfterEach
    void close() {
        database.close();
    }

    private static RequestLogEntry row(String key, Instant at, int status, long in, long out) {
        return RequestLogEntry.builder("trc_" + at.toEpochMilli() + key + status, at).key(key, "cmk_x")
                .accounts(List.of()).request("POST", "/v1/responses", "/responses").model("gpt-5.5", "gpt-5.5", null)
                .status(status).timing(10, null).tokens(new TokenUsage(in, 0, out, 0)).build();
    }

    @Test
    void a_range_over_whole_and_partial_hours_counts_every_row_once_rolled_up_or_not() {
        repository.insert(List.of(
                row("gk_a", NOON.minusSeconds(5_400), 200, 100, 10),
                row("gk_a", NOON.minusSeconds(1_800), 200, 100, 10),
                row("gk_a", NOON.plusSeconds(600), 429, 0, 0),
                row("gk_b", NOON.plusSeconds(700), 200, 7, 3)));
        totals.rollUp();
        repository.insert(List.of(row("gk_a", NOON.plusSeconds(3_700), 500, 0, 0),
                row("gk_a", NOON.plusSeconds(7_300), 200, 50, 5)));

        Map<String, KeyTotals> all = service.keyTotals(null, NOON.minusSeconds(5_500).toEpochMilli(),
                NOON.plusSeconds(7_400).toEpochMilli());
        KeyTotals onlyA = service.keyTotals("gk_a", NOON.minusSeconds(5_500).toEpochMilli(),
                NOON.plusSeconds(7_400).toEpochMilli()).get("gk_a");

        assertThat(onlyA).isEqualTo(new KeyTotals("gk_a", 5, 2, 250, 0, 25));
        assertThat(all.get("gk_a")).isEqualTo(onlyA);
        assertThat(all.get("gk_b")).isEqualTo(new KeyTotals("gk_b", 1, 0, 7, 0, 3));
        assertThat(service.keyTotals("gk_a", NOON.toEpochMilli(), NOON.plusSeconds(3_600).toEpochMilli())
                .get("gk_a").requests()).isEqualTo(1);
        assertThat(service.keyTotals("gk_a", NOON.plusSeconds(10).toEpochMilli(), NOON.plusSeconds(20)
                .toEpochMilli())).isEmpty();
    }
}
