package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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

    private ServiceHarness harness;
    private RpcTestClient rpc;

    /** An id as {@code TraceIds} makes it for a request that started at {@code at}. */
    private static String gatewayId(Instant at, int random) {
        return "trc_" + HexFormat.of().toHexDigits(at.toEpochMilli()).substring(5) + HexFormat.of().toHexDigits(random);
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        harness = ServiceHarness.start(dir, Map.of(), new MutableClock(T0));
        rpc = harness.rpc();
        ObservabilityModule module = harness.service().module(ObservabilityModule.class).orElseThrow();
        List<Instant> times = List.of(T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofMillis(1)), T0,
                T0.plusMillis(1));
        for (int i = 0; i < times.size(); i++) {
            module.requestLog().record(RequestLogEntry.builder(gatewayId(times.get(i), 0x1000 + i), times.get(i))
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
        for (Instant at : List.of(T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofMillis(1)), T0, T0.plusMillis(1))) {
            String id = gatewayId(at, 0x1000 + List.of(T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofMillis(1)),
                    T0, T0.plusMillis(1)).indexOf(at));
            assertThat(found("trace:=" + id)).as(id).containsExactly(id);
        }
    }

    @Test
    void an_id_in_another_form_is_still_found() {
        assertThat(found("trace:=trc_3f2a9c0d11e4b7a2")).containsExactly("trc_3f2a9c0d11e4b7a2");
    }

    @Test
    void an_unknown_gateway_id_finds_nothing() {
        assertThat(found("trace:=" + gatewayId(T0, 0x7777))).isEmpty();
        assertThat(found("trace:=" + gatewayId(T0.minus(Duration.ofDays(3)), 0x1001))).isEmpty();
    }

    @Test
    void substring_search_on_trace_ids_is_unchanged() {
        assertThat(found("trace:3f2a9c")).containsExactly("trc_3f2a9c0d11e4b7a2");
    }
}
