package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw requests shaped like Claude Code's (client-requests.md §Claude Code): {@code HEAD /},
 * {@code POST /v1/messages?beta=true} with {@code x-api-key}, a billing-header system block, a {@code role:"system"}
 * message after the user turn, typeless tools, {@code metadata.user_id} as a JSON string, and the non-stream
 * fallback; plus affinity, failover and errors through the Messages adapter.
 */
class ClaudeCodeRequestsTest {
    private static final String SESSION = "5d0c7a8e-3b1f-4c2d-9e6a-0f1b2c3d4e5f";

    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;

    @BeforeEach
    void start() {
        bed = new GatewayTestBed(Map.of("CODEXMANAGER_ROUTE_STRATEGY", "balanced"));
        first = bed.fake.createAccount();
        second = bed.fake.createAccount();
        bed.pool.add(first, 1).add(second, 2);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** A Claude Code-like body; the texts are written for this test. */
    static String body(boolean stream, String session) {
        String userId = "{\\\"device_id\\\":\\\"dev-42\\\",\\\"account_uuid\\\":\\\"\\\",\\\"session_id\\\":\\\""
                + session + "\\\"}";
        return "{\"model\":\"claude-opus-4-8\",\"max_tokens\":64000,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=9.9.9; "
                + "cc_entrypoint=sdk-cli;\"},{\"type\":\"text\",\"text\":\"You help with a small test project.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<reminder>be brief"
                + "</reminder>\"},{\"type\":\"text\",\"text\":\"List the files\",\"cache_control\":"
                + "{\"type\":\"ephemeral\"}}]},{\"role\":\"system\",\"content\":\"Helpers available: Scout.\"}],"
                + "\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a command\",\"input_schema\":{\"$schema\":"
                + "\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"command\":"
                + "{\"type\":\"string\"}}},\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"metadata\":{\"user_id\":\"" + userId + "\"},\"thinking\":{\"type\":\"adaptive\"},"
                + "\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]},"
                + "\"output_config\":{\"effort\":\"high\"},\"stream\":" + stream + "}";
    }

    private HttpResponse<String> postMessages(String body, String apiKeyHeader) throws Exception {
        return postMessages(bed, body, apiKeyHeader);
    }

    /** POSTs like Claude Code does: {@code ?beta=true}, {@code x-api-key}, its version and beta headers. */
    static HttpResponse<String> postMessages(GatewayTestBed bed, String body, String apiKeyHeader) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/v1/messages?beta=true"))
                .header("Content-Type", "application/json").header("x-api-key", apiKeyHeader)
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,unknown-beta-2099")
                .header("x-app", "cli").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return bed.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject lastUpstreamBody(GatewayTestBed bed) {
        return bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json().getAsJsonObject();
    }

    @Test
    void head_root_is_answered_without_auth() throws Exception {
        HttpResponse<Void> response = bed.http.send(HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void a_streaming_claude_code_request_is_mapped_and_answered_with_named_events() throws Exception {
        HttpResponse<String> response = postMessages(body(true, SESSION), TestKeys.KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> events = response.body().lines().filter(l -> l.startsWith("event: "))
                .map(l -> l.substring(7)).toList();
        assertThat(events.get(0)).isEqualTo("message_start");
        assertThat(events).contains("content_block_start", "content_block_delta", "content_block_stop",
                "message_delta");
        assertThat(events).last().isEqualTo("message_stop");
        assertThat(response.body()).contains("text_delta").contains("signature_delta");

        JsonObject upstream = lastUpstreamBody(bed);
        JsonArray input = upstream.getAsJsonArray("input");
        JsonObject system = input.get(0).getAsJsonObject();
        assertThat(system.get("role").getAsString()).isEqualTo("developer");
        assertThat(system.toString()).doesNotContain("x-anthropic-billing-header")
                .contains("You help with a small test project.");
        JsonObject trailingSystem = input.get(2).getAsJsonObject();
        assertThat(trailingSystem.get("role").getAsString()).isEqualTo("developer");
        assertThat(trailingSystem.toString()).contains("Helpers available: Scout.");
        JsonObject tool = upstream.getAsJsonArray("tools").get(0).getAsJsonObject();
        assertThat(tool.get("type").getAsString()).isEqualTo("function");
        assertThat(tool.getAsJsonObject("parameters").has("$schema")).isFalse();
        assertThat(upstream.get("prompt_cache_key").getAsString()).isEqualTo(SESSION);
        assertThat(upstream.getAsJsonObject("reasoning").get("effort").getAsString()).isEqualTo("high");
        assertThat(upstream.has("context_management")).isFalse();
        assertThat(upstream.has("metadata")).isFalse();
        assertThat(upstream.toString()).doesNotContain("cache_control");
    }

    @Test
    void the_non_stream_fallback_answers_a_message_object() throws Exception {
        HttpResponse<String> response = postMessages(body(false, SESSION), TestKeys.KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject message = Json.object(response.body());
        assertThat(message.get("type").getAsString()).isEqualTo("message");
        assertThat(message.get("stop_reason").getAsString()).isEqualTo("end_turn");
        assertThat(message.toString()).contains("List the files");
    }

    @Test
    void one_session_stays_on_one_account_under_balanced_routing() throws Exception {
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            postMessages(body(false, SESSION), TestKeys.KEY);
            servedBy.add(bed.recorder.records.get(bed.recorder.records.size() - 1).finalAccountId());
        }
        postMessages(body(false, "another-session-0001"), TestKeys.KEY);
        postMessages(body(false, "another-session-0002"), TestKeys.KEY);

        assertThat(servedBy).containsOnly(servedBy.get(0));
        assertThat(bed.recorder.records).extracting(r -> r.finalAccountId())
                .contains(first.accountId(), second.accountId());
    }

    @Test
    void a_usage_limited_account_fails_over_and_the_log_names_both() throws Exception {
        bed.fake.account(first.accountId()).enqueue(Scenario.USAGE_LIMIT);
        bed.fake.account(second.accountId()).enqueue(Scenario.USAGE_LIMIT);
        bed.fake.account(first.accountId()).enqueue(Scenario.TEXT);

        HttpResponse<String> limited = postMessages(body(false, SESSION), TestKeys.KEY);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        JsonObject error = Json.object(limited.body());
        assertThat(error.get("type").getAsString()).isEqualTo("error");
        assertThat(error.getAsJsonObject("error").get("type").getAsString()).isEqualTo("rate_limit_error");
        assertThat(bed.recorder.records).last().satisfies(r -> {
            assertThat(r.attemptedAccountIds()).hasSize(2);
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.path()).isEqualTo("/v1/messages");
        });
    }

    @Test
    void an_unknown_key_is_an_anthropic_authentication_error() throws Exception {
        HttpResponse<String> response = postMessages(body(true, SESSION), "cmk_not_a_key");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject error = Json.object(response.body());
        assertThat(error.get("type").getAsString()).isEqualTo("error");
        assertThat(error.getAsJsonObject("error").get("type").getAsString()).isEqualTo("authentication_error");
    }

    @Test
    void a_malformed_body_is_an_invalid_request_error_naming_the_field() throws Exception {
        HttpResponse<String> response = postMessages("{\"model\":\"claude-opus-4-8\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\"}}]}]}",
                TestKeys.KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_request_error").contains("messages[0].content[0].source.type");
    }
}
