package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogRetentionRpcTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private ServiceHarness harness;
    private RpcTestClient rpc;
    private ObservabilityModule module;

    @BeforeEach
    void start() {
        harness = ServiceHarness.start(dir, Map.of("CODEXMANAGER_REQUEST_LOG_RETENTION_DAYS", "30"), clock);
        rpc = harness.rpc();
        module = harness.service().module(ObservabilityModule.class).orElseThrow();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void record(Instant at, int status, String model, long inputTokens) {
        module.requestLog().record(RequestLogEntry.builder("trc_" + at.toEpochMilli(), at)
                .request("POST", "/v1/responses", "/responses").model(model, model, null).status(status)
                .timing(10, 5L).tokens(new TokenUsage(inputTokens, 0, 1, 0)).build());
    }

    private void awaitWritten(long n) {
        Await.until(n + " rows written", () -> module.writer().stats().written() == n);
    }

    private JsonObject summary60Days() {
        return rpc.call("requestlog/summary", Map.of("from", NOW.minus(Duration.ofDays(60)).getEpochSecond(),
                "to", NOW.getEpochSecond() + 1));
    }

    private long listed() {
        return rpc.call("requestlog/list").get("total").getAsLong();
    }

    @Test
    void retention_prunes_old_rows_but_hourly_totals_survive() {
        record(NOW.minus(Duration.ofDays(40)), 200, "gpt-5.4", 1000);
        record(NOW.minus(Duration.ofDays(31)), 500, "gpt-5.4", 0);
        record(NOW.minus(Duration.ofDays(1)), 200, "gpt-5.5", 7);
        awaitWritten(3);

        long deleted = module.maintenance().runOnce();

        assertThat(deleted).isEqualTo(2);
        assertThat(listed()).isEqualTo(1);
        JsonObject summary = summary60Days();
        assertThat(summary.get("bucket").getAsString()).isEqualTo("day");
        assertThat(summary.get("requests").getAsLong()).isEqualTo(3);
        assertThat(summary.get("serverErrors").getAsLong()).isEqualTo(1);
        assertThat(summary.get("inputTokens").getAsLong()).isEqualTo(1007);
        assertThat(module.maintenance().runOnce()).isZero();
    }

    @Test
    void a_row_arriving_late_for_a_rolled_up_hour_is_counted_exactly_once() {
        Instant hour = NOW.minus(Duration.ofHours(3));
        record(hour.plusSeconds(10), 200, "gpt-5.5", 1);
        awaitWritten(1);
        module.maintenance().runOnce();

        record(hour.plusSeconds(20), 500, "gpt-5.5", 1);
        awaitWritten(2);
        assertThat(summary60Days().get("requests").getAsLong()).isEqualTo(2);
        module.maintenance().runOnce();
        module.maintenance().runOnce();

        JsonObject summary = summary60Days();
        assertThat(summary.get("requests").getAsLong()).isEqualTo(2);
        assertThat(summary.get("serverErrors").getAsLong()).isEqualTo(1);
    }

    @Test
    void clear_deletes_rows_and_keeps_totals_unless_asked() {
        record(NOW.minus(Duration.ofHours(2)), 200, "gpt-5.5", 10);
        record(NOW.minus(Duration.ofHours(1)), 200, "gpt-5.5", 10);
        awaitWritten(2);

        rpc.call("requestlog/clear");

        assertThat(listed()).isZero();
        assertThat(summary60Days().get("requests").getAsLong()).isEqualTo(2);
        rpc.call("requestlog/clear", Map.of("includeTotals", true));
        assertThat(summary60Days().get("requests").getAsLong()).isZero();
        assertThat(summary60Days().get("successRate").isJsonNull()).isTrue();
    }

    @Test
    void totals_above_ten_thousand_are_reported_as_capped() {
        for (int i = 0; i < 10_050; i++) {
            record(NOW.minus(Duration.ofSeconds(i)), 200, "gpt-5.5", 1);
        }
        awaitWritten(10_050);

        JsonObject page = rpc.call("requestlog/list", Map.of("pageSize", 5));

        assertThat(page.get("total").getAsLong()).isEqualTo(RequestLogService.TOTAL_CAP);
        assertThat(page.get("totalCapped").getAsBoolean()).isTrue();
        assertThat(page.getAsJsonArray("items")).hasSize(5);
        assertThat(summary60Days().get("requests").getAsLong()).isEqualTo(10_050);
        JsonObject status = rpc.call("requestlog/status");
        assertThat(status.getAsJsonObject("writer").get("written").getAsLong()).isEqualTo(10_050);
        assertThat(status.getAsJsonObject("writer").get("dropped").getAsLong()).isZero();
        assertThat(status.get("retentionDays").getAsLong()).isEqualTo(30);
    }

    @Test
    void entries_queued_at_shutdown_are_stored() {
        for (int i = 0; i < 500; i++) {
            record(NOW.minus(Duration.ofSeconds(i)), 200, "gpt-5.5", 1);
        }

        harness.close();
        harness = ServiceHarness.start(dir, Map.of(), clock);
        rpc = harness.rpc();

        assertThat(listed()).isEqualTo(500);
    }

    @Test
    void secrets_in_paths_and_error_messages_are_redacted_before_storage() {
        module.requestLog().record(RequestLogEntry.builder("trc_x", NOW).request("POST",
                "/v1/responses?api_key=cmk_abcdefghijklmnopqrstu", null).status(401)
                .error("invalid_api_key", "Bearer abcdefghijklmnop refused").timing(1, null).build());
        awaitWritten(1);

        String row = rpc.call("requestlog/list").getAsJsonArray("items").get(0).toString();

        assertThat(row).doesNotContain("cmk_abcdefghijklmnopqrstu").doesNotContain("abcdefghijklmnop")
                .contains("[REDACTED]");
        assertThat(List.of(harness.allFilesAsText())).noneMatch(t -> t.contains("abcdefghijklmnopqrstu"));
    }
}
