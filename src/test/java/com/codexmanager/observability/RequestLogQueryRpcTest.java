package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code requestlog/list} and {@code requestlog/summary} over five requests recorded through the real writer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogQueryRpcTest {
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    private ServiceHarness harness;
    private RpcTestClient rpc;

    @BeforeAll
    void start(@TempDir Path dir) {
        harness = ServiceHarness.start(dir, Map.of(), new MutableClock(T0));
        rpc = harness.rpc();
        ObservabilityModule module = harness.service().module(ObservabilityModule.class).orElseThrow();
        dataset().forEach(module.requestLog()::record);
        Await.until("5 rows written", () -> module.writer().stats().written() == 5);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    static List<RequestLogEntry> dataset() {
        return List.of(
                RequestLogEntry.builder("trc_e1", T0.minus(Duration.ofHours(3)))
                        .key("gk_a", "cmk_AAAAAAAA").accounts(List.of("acc_1"))
                        .request("POST", "/v1/responses", "/responses").model("gpt-5.5", "gpt-5.5", null)
                        .status(200).timing(900, 120L).tokens(new TokenUsage(100, 20, 10, 5)).build(),
                RequestLogEntry.builder("trc_e2", T0.minus(Duration.ofHours(2)))
                        .key("gk_a", "cmk_AAAAAAAA").accounts(List.of("acc_1", "acc_2"))
                        .request("POST", "/v1/chat/completions", "/v1/responses").model("gpt-4o", "gpt-5.4", "low")
                        .status(502).error("upstream_error", "bad gateway from upstream").timing(3000, null).build(),
                RequestLogEntry.builder("trc_e3", T0.minus(Duration.ofHours(1)))
                        .key("gk_b", "cmk_BBBBBBBB").request("POST", "/v1/messages", null)
                        .model("claude-x", null, null).status(403)
                        .error("model_not_allowed", "model 'claude-x' is not allowed").timing(2, null).build(),
                RequestLogEntry.builder("trc_e4", T0.minus(Duration.ofMinutes(30)))
                        .request("GET", "/v1/models", null).status(401).error("missing_api_key", "missing api key")
                        .timing(1, null).build(),
                RequestLogEntry.builder("trc_special_42", T0.minus(Duration.ofMinutes(10)))
                        .key("gk_b", "cmk_BBBBBBBB").accounts(List.of("acc_3")).transport("websocket")
                        .request("GET", "/v1/responses", "/responses").model("gpt-5.5", "gpt-5.5", "high")
                        .status(200).timing(1500, 300L).tokens(new TokenUsage(1000, 800, 200, 150)).build());
    }

    private List<String> traces(Map<String, Object> params) {
        JsonObject page = rpc.call("requestlog/list", params);
        return page.getAsJsonArray("items").asList().stream()
                .map(e -> e.getAsJsonObject().get("traceId").getAsString().replace("trc_", "")).toList();
    }

    private static long seconds(Instant t) {
        return t.getEpochSecond();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(Map.of(), List.of("special_42", "e4", "e3", "e2", "e1")),
                Arguments.of(Map.of("statusFilter", "5xx"), List.of("e2")),
                Arguments.of(Map.of("statusFilter", "4xx"), List.of("e4", "e3")),
                Arguments.of(Map.of("statusFilter", "2xx"), List.of("special_42", "e1")),
                Arguments.of(Map.of("keyId", "gk_a"), List.of("e2", "e1")),
                Arguments.of(Map.of("accountId", "acc_2"), List.of("e2")),
                Arguments.of(Map.of("from", seconds(T0.minus(Duration.ofMinutes(90)))),
                        List.of("special_42", "e4", "e3")),
                Arguments.of(Map.of("to", seconds(T0.minus(Duration.ofMinutes(90)))), List.of("e2", "e1")),
                Arguments.of(Map.of("query", "model:gpt-5.5"), List.of("special_42", "e1")),
                Arguments.of(Map.of("query", "model:GPT-4O"), List.of("e2")),
                Arguments.of(Map.of("query", "model:=gpt-5"), List.of()),
                Arguments.of(Map.of("query", "status:5xx"), List.of("e2")),
                Arguments.of(Map.of("query", "status:403"), List.of("e3")),
                Arguments.of(Map.of("query", "error:gateway"), List.of("e2")),
                Arguments.of(Map.of("query", "path:messages"), List.of("e3")),
                Arguments.of(Map.of("query", "adapted:=/v1/responses"), List.of("e2")),
                Arguments.of(Map.of("query", "account:acc_1"), List.of("e2", "e1")),
                Arguments.of(Map.of("query", "trace:=trc_special_42"), List.of("special_42")),
                Arguments.of(Map.of("query", "key:cmk_BBBB"), List.of("special_42", "e3")),
                Arguments.of(Map.of("query", "method:post"), List.of("e3", "e2", "e1")),
                Arguments.of(Map.of("query", "transport:websocket"), List.of("special_42")),
                Arguments.of(Map.of("query", "transport:=http"), List.of("e4", "e3", "e2", "e1")),
                Arguments.of(Map.of("query", "model:gpt-5.5 reasoning:high"), List.of("special_42")),
                Arguments.of(Map.of("query", "upstream"), List.of("e2")),
                Arguments.of(Map.of("query", "\"bad gateway\""), List.of("e2")),
                Arguments.of(Map.of("query", "100%"), List.of()),
                Arguments.of(Map.of("query", "model:gpt", "statusFilter", "2xx", "keyId", "gk_b"),
                        List.of("special_42")));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void filters_and_field_queries_select_the_right_rows(Map<String, Object> params, List<String> expected) {
        assertThat(traces(params)).containsExactlyElementsOf(expected);
    }

    @Test
    void a_row_carries_every_recorded_field() {
        JsonObject page = rpc.call("requestlog/list", Map.of("query", "trace:=trc_e2"));
        JsonObject row = page.getAsJsonArray("items").get(0).getAsJsonObject();

        assertThat(row.get("createdAt").getAsLong()).isEqualTo(seconds(T0.minus(Duration.ofHours(2))));
        assertThat(row.get("keyId").getAsString()).isEqualTo("gk_a");
        assertThat(row.get("keyPrefix").getAsString()).isEqualTo("cmk_AAAAAAAA");
        assertThat(row.get("initialAccountId").getAsString()).isEqualTo("acc_1");
        assertThat(row.get("accountId").getAsString()).isEqualTo("acc_2");
        assertThat(row.get("attemptedAccountIds").toString()).isEqualTo("[\"acc_1\",\"acc_2\"]");
        assertThat(row.get("adaptedPath").getAsString()).isEqualTo("/v1/responses");
        assertThat(row.get("transport").getAsString()).isEqualTo("http");
        assertThat(row.get("clientModel").getAsString()).isEqualTo("gpt-4o");
        assertThat(row.get("model").getAsString()).isEqualTo("gpt-5.4");
        assertThat(row.get("reasoningEffort").getAsString()).isEqualTo("low");
        assertThat(row.get("statusCode").getAsInt()).isEqualTo(502);
        assertThat(row.get("errorCode").getAsString()).isEqualTo("upstream_error");
        assertThat(row.get("durationMs").getAsLong()).isEqualTo(3000);
        assertThat(row.get("firstByteMs").isJsonNull()).isTrue();
        assertThat(row.get("inputTokens").isJsonNull()).isTrue();
        JsonObject withTokens = rpc.call("requestlog/list", Map.of("query", "trace:=trc_e1"))
                .getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(withTokens.get("cachedInputTokens").getAsLong()).isEqualTo(20);
        assertThat(withTokens.get("reasoningOutputTokens").getAsLong()).isEqualTo(5);
        assertThat(withTokens.get("totalTokens").getAsLong()).isEqualTo(110);
        assertThat(withTokens.get("firstByteMs").getAsLong()).isEqualTo(120);
        assertThat(rpc.call("requestlog/list", Map.of("query", "trace:=trc_special_42")).getAsJsonArray("items")
                .get(0).getAsJsonObject().get("transport").getAsString()).isEqualTo("websocket");
    }

    @Test
    void pages_are_newest_first_with_an_exact_total_below_the_cap() {
        JsonObject page = rpc.call("requestlog/list", Map.of("page", 2, "pageSize", 2));

        assertThat(page.get("total").getAsLong()).isEqualTo(5);
        assertThat(page.get("totalCapped").getAsBoolean()).isFalse();
        assertThat(traces(Map.of("page", 2, "pageSize", 2))).containsExactly("e3", "e2");
        assertThat(traces(Map.of("page", 4, "pageSize", 2))).isEmpty();
    }

    static Stream<Arguments> badLists() {
        return Stream.of(
                Arguments.of(Map.of("query", "foo:bar"), "query", "unknown search field"),
                Arguments.of(Map.of("query", "status:abc"), "query", "5xx"),
                Arguments.of(Map.of("query", "model:"), "query", "needs a value"),
                Arguments.of(Map.of("query", "\"open"), "query", "quote"),
                Arguments.of(Map.of("statusFilter", "3xx"), "statusFilter", "2xx"),
                Arguments.of(Map.of("pageSize", 501), "pageSize", "500"),
                Arguments.of(Map.of("page", 0), "page", "between"),
                Arguments.of(Map.of("from", 100, "to", 50), "to", "after"),
                Arguments.of(Map.of("from", -1), "from", "Unix seconds"));
    }

    @ParameterizedTest
    @MethodSource("badLists")
    void bad_list_parameters_name_the_field(Map<String, Object> params, String field, String hint) {
        assertThatThrownBy(() -> rpc.call("requestlog/list", params)).isInstanceOfSatisfying(RpcCallFailed.class,
                e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.data().getAsJsonObject().get("field").getAsString()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(hint);
                });
    }

    @Test
    void summary_counts_requests_success_rate_and_tokens_by_model() {
        JsonObject s = rpc.call("requestlog/summary", Map.of("from", seconds(T0.minus(Duration.ofHours(4))),
                "to", seconds(T0)));

        assertThat(s.get("bucket").getAsString()).isEqualTo("hour");
        assertThat(s.get("requests").getAsLong()).isEqualTo(5);
        assertThat(s.get("successes").getAsLong()).isEqualTo(2);
        assertThat(s.get("clientErrors").getAsLong()).isEqualTo(2);
        assertThat(s.get("serverErrors").getAsLong()).isEqualTo(1);
        assertThat(s.get("successRate").getAsDouble()).isEqualTo(0.4);
        assertThat(s.get("inputTokens").getAsLong()).isEqualTo(1100);
        assertThat(s.get("cachedInputTokens").getAsLong()).isEqualTo(820);
        assertThat(s.get("totalTokens").getAsLong()).isEqualTo(1310);
        JsonObject top = s.getAsJsonArray("byModel").get(0).getAsJsonObject();
        assertThat(top.get("model").getAsString()).isEqualTo("gpt-5.5");
        assertThat(top.get("requests").getAsLong()).isEqualTo(2);
        assertThat(top.get("outputTokens").getAsLong()).isEqualTo(210);
        assertThat(bucketCounts(s)).containsExactly(0L, 1L, 1L, 3L);
        assertThat(s.getAsJsonArray("buckets").get(0).getAsJsonObject().get("start").getAsLong())
                .isEqualTo(seconds(T0.minus(Duration.ofHours(4))));
    }

    @Test
    void summary_counts_partial_hours_at_both_edges_from_stored_rows() {
        JsonObject s = rpc.call("requestlog/summary", Map.of(
                "from", seconds(T0.minus(Duration.ofMinutes(150))), "to", seconds(T0.minus(Duration.ofMinutes(20)))));

        assertThat(s.get("requests").getAsLong()).isEqualTo(3);
        assertThat(bucketCounts(s)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void day_buckets_follow_the_callers_utc_offset() {
        JsonObject s = rpc.call("requestlog/summary", Map.of("from", seconds(T0.minus(Duration.ofDays(1))),
                "to", seconds(T0), "bucket", "day", "utcOffsetMinutes", 480));

        JsonArray buckets = s.getAsJsonArray("buckets");
        assertThat(buckets).hasSize(2);
        JsonObject last = buckets.get(1).getAsJsonObject();
        assertThat(last.get("start").getAsLong()).isEqualTo(seconds(Instant.parse("2026-04-30T16:00:00Z")));
        assertThat(last.get("requests").getAsLong()).isEqualTo(5);
        assertThat(last.get("errors").getAsLong()).isEqualTo(3);
    }

    @Test
    void summary_defaults_to_the_last_24_hours_and_refuses_bad_ranges() {
        assertThat(rpc.call("requestlog/summary").get("requests").getAsLong()).isEqualTo(5);
        assertThatThrownBy(() -> rpc.call("requestlog/summary", Map.of("from", seconds(T0), "to", seconds(T0))))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.code()).isEqualTo(-32602));
        Map<String, Object> tooManyHours = new HashMap<>(Map.of("from", seconds(T0.minus(Duration.ofDays(40))),
                "to", seconds(T0), "bucket", "hour"));
        assertThatThrownBy(() -> rpc.call("requestlog/summary", tooManyHours)).isInstanceOfSatisfying(
                RpcCallFailed.class, e -> assertThat(e.getMessage()).contains("bucket"));
    }

    private static List<Long> bucketCounts(JsonObject summary) {
        return summary.getAsJsonArray("buckets").asList().stream().map(JsonElement::getAsJsonObject)
                .map(b -> b.get("requests").getAsLong()).toList();
    }
}
