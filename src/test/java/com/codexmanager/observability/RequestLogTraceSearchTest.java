package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact trace-id searches without an index on {@code trace_id}: ids in the gateway's time-first form are looked
 * up within their time, any other id in every row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogTraceSearchTest {
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    /** Request times of the gateway-form rows: days apart, and three in neighbouring milliseconds. */
    private static final List<Instant> TIMES = List.of(T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofMillis(1)),
            T0, T0.plusMillis(1));

    private ServiceHarness harness;
    private RpcTestClient rpc;

    /** The id of the gateway-form row {@code i}. */
    private static String gatewayId(int i) {
        return TraceIdFormat.of(TIMES.get(i).toEpochMilli(), 0x1000 + i);
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        harness = ServiceHarness.start(dir, Map.of(), new MutableClock(T0));
        rpc = harness.rpc();
        ObservabilityModule module = harness.service().module(ObservabilityModule.class).orElseThrow();
        for (int i = 0; i < TIMES.size(); i++) {
            module.requestLog().record(RequestLogEntry.builder(gatewayId(i), TIMES.get(i))
                    .request("POST", "/v1/responses", null).status(200).timing(10, 5L).build());
        }
        module.requestLog().record(RequestLogEntry.builder("trc_3f2a9c0d11e4b7a2", T0)
                .request("POST", "/v1/responses", null).status(200).timing(10, 5L).build());
        Await.until("5 rows written", () -> module.writer().stats().written() == 5);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private List<String> found(String query) {
        return rpc.call("requestlog/list", Map.of("query", query)).getAsJsonArray("items").asList().stream()
                .map(e -> e.getAsJsonObject().get("traceId").getAsString()).toList();
    }

    @Test
    void a_gateway_trace_id_finds_its_row_and_only_it_even_beside_rows_of_the_same_millisecond() {
        for (int i = 0; i < TIMES.size(); i++) {
            assertThat(found("trace:=" + gatewayId(i))).as(gatewayId(i)).containsExactly(gatewayId(i));
        }
    }

    @Test
    void an_id_in_another_form_is_still_found() {
        assertThat(found("trace:=trc_3f2a9c0d11e4b7a2")).containsExactly("trc_3f2a9c0d11e4b7a2");
    }

    @Test
    void an_unknown_gateway_id_finds_nothing() {
        assertThat(found("trace:=" + TraceIdFormat.of(T0.toEpochMilli(), 0x7777))).isEmpty();
        assertThat(found("trace:=" + TraceIdFormat.of(TIMES.get(0).toEpochMilli(), 0x1001))).isEmpty();
    }

    @Test
    void substring_search_on_trace_ids_is_unchanged() {
        assertThat(found("trace:3f2a9c")).containsExactly("trc_3f2a9c0d11e4b7a2");
    }
}
