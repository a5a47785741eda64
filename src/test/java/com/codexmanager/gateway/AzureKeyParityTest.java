package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeAzureOpenAi;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.Scenario;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An {@code azure_openai} key is served by its own Azure resource (an Azure-shaped fake) the way the pool serves
 * a request: Claude Code's Messages, Chat Completions and Responses are all mapped to Azure's Responses API with the
 * deployment as model, the answer is streamed back through the same relay (first-byte and idle watchdog, terminal
 * events, aggregation for non-stream clients) and the request log gets the same fields (status, tokens, time to
 * first byte, models). The pool is never touched.
 */
class AzureKeyParityTest {
    private static final String AZURE_KEY = "cmk_azure_key_0123456789";
    private static final String SECRET = "azure-secret-for-tests";
    private static final String DEPLOYMENT = "my-gpt5-deployment";
    private static final String SESSION = "5d0c7a8e-3b1f-4c2d-9e6a-0f1b2c3d4e5f";

    GatewayTestBed bed;
    FakeAccount account;
    FakeAzureOpenAi azure;

    @BeforeEach
    void start() {
        bed = new GatewayTestBed(Map.of("CODEXMANAGER_UPSTREAM_FIRST_BYTE_TIMEOUT_SECS", "2",
                "CODEXMANAGER_UPSTREAM_IDLE_TIMEOUT_SECS", "2"));
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
        azure = FakeAzureOpenAi.start(SECRET, Set.of(DEPLOYMENT), FakeUpstreamOptions.builder()
                .stallDuration(Duration.ofSeconds(30)).build());
        addAzureKey(azure.endpoint(), SECRET, DEPLOYMENT);
    }

    @AfterEach
    void stop() {
        azure.close();
        bed.close();
    }

    private void addAzureKey(String endpoint, String secret, String modelSlug) {
        bed.keys.add(AZURE_KEY, new PlatformKey("key-az", "cmk_azure", "azure_openai", modelSlug, null, List.of(),
                null, new PlatformKey.Azure(endpoint, () -> secret)));
    }

    /** A Claude Code-like body (client-requests.md); the texts are written for this test. */
    private static String claudeCode(boolean stream) {
        String userId = "{\\\"device_id\\\":\\\"dev-42\\\",\\\"account_uuid\\\":\\\"\\\",\\\"session_id\\\":\\\""
                + SESSION + "\\\"}";
        return "{\"model\":\"claude-opus-4-8\",\"max_tokens\":64000,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=9.9.9; "
                + "cc_entrypoint=sdk-cli;\"},{\"type\":\"text\",\"text\":\"You help with a small test project.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"List the files\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]},{\"role\":\"system\",\"content\":\"Helpers: Scout."
                + "\"}],\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a command\",\"input_schema\":{\"type\":"
                + "\"object\",\"properties\":{\"command\":{\"type\":\"string\"}}}}],"
                + "\"metadata\":{\"user_id\":\"" + userId + "\"},\"thinking\":{\"type\":\"adaptive\"},"
                + "\"output_config\":{\"effort\":\"high\"},\"stream\":" + stream + "}";
    }

    private HttpResponse<String> messages(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/v1/messages?beta=true"))
                .header("Content-Type", "application/json").header("x-api-key", AZURE_KEY)
                .header("anthropic-version", "2023-06-01").header("anthropic-beta", "claude-code-20250219")
                .header("x-app", "cli").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return bed.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The joined {@code field} of every delta event: {@code text} (Anthropic), {@code delta} or {@code content}. */
    private static String deltaText(String sse, String field) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\\\"" + field + "\\\":\\\"([^\\\"]*)\\\"").matcher(sse);
        while (m.find()) {
            out.append(m.group(1));
        }
        return out.toString();
    }

    private JsonObject lastAzureBody() {
        List<FakeAzureOpenAi.Call> calls = azure.calls();
        return calls.get(calls.size() - 1).body();
    }

    private RequestRecorder.RequestRecord lastRow() {
        Await.until("a request-log row", () -> !bed.recorder.records.isEmpty());
        return bed.recorder.records.get(bed.recorder.records.size() - 1);
    }

    @Test
    void claude_code_streams_through_the_azure_responses_api() throws Exception {
        HttpResponse<String> response = messages(claudeCode(true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("event: message_start").contains("\"text_delta\"")
                .contains("event: message_stop");
        assertThat(deltaText(response.body(), "text")).isEqualTo("echo: List the files");
        JsonObject sent = lastAzureBody();
        assertThat(azure.calls()).hasSize(1).allMatch(call -> SECRET.equals(call.apiKey()));
        assertThat(sent.get("model").getAsString()).isEqualTo(DEPLOYMENT);
        assertThat(sent.get("stream").getAsBoolean()).isTrue();
        assertThat(sent.toString()).doesNotContain("x-anthropic-billing-header").contains("\"developer\"")
                .contains("\"Bash\"");
        assertThat(sent.getAsJsonObject("reasoning").get("effort").getAsString()).isEqualTo("high");
        assertThat(bed.fake.responsesCount(account.accountId())).isZero();
        RequestRecorder.RequestRecord row = lastRow();
        assertThat(row.status()).isEqualTo(200);
        assertThat(row.keyId()).isEqualTo("key-az");
        assertThat(row.clientModel()).isEqualTo("claude-opus-4-8");
        assertThat(row.effectiveModel()).isEqualTo(DEPLOYMENT);
        assertThat(row.inputTokens()).isPositive();
        assertThat(row.outputTokens()).isPositive();
        assertThat(row.firstByteMillis()).isNotNull();
        assertThat(row.transport()).isEqualTo("http");
        assertThat(bed.recorder.traces.toString()).doesNotContain(SECRET);
    }

    @Test
    void claude_codes_non_stream_fallback_gets_one_message() throws Exception {
        HttpResponse<String> response = messages(claudeCode(false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject message = Json.object(response.body());
        assertThat(message.get("type").getAsString()).isEqualTo("message");
        assertThat(message.toString()).contains("echo: List the files");
        assertThat(message.getAsJsonObject("usage").get("output_tokens").getAsLong()).isPositive();
    }

    @Test
    void a_tool_call_from_azure_reaches_claude_code_as_tool_use() throws Exception {
        azure.enqueue(Scenario.FUNCTION_CALL);

        HttpResponse<String> response = messages(claudeCode(true));

        assertThat(response.body()).contains("\"tool_use\"").contains("\"name\":\"Bash\"")
                .contains("\"stop_reason\":\"tool_use\"");
    }

    @Test
    void chat_completions_are_mapped_the_same_way_stream_and_whole() throws Exception {
        HttpResponse<String> whole = bed.post("/v1/chat/completions",
                "{\"model\":\"anything\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                AZURE_KEY);
        HttpResponse<String> stream = bed.post("/v1/chat/completions", "{\"model\":\"anything\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                AZURE_KEY);

        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        JsonObject completion = Json.object(whole.body());
        assertThat(completion.get("object").getAsString()).isEqualTo("chat.completion");
        assertThat(completion.toString()).contains("echo: hi");
        assertThat(completion.getAsJsonObject("usage").get("prompt_tokens").getAsLong()).isPositive();
        assertThat(stream.body()).contains("chat.completion.chunk").contains("\"prompt_tokens\"")
                .endsWith("data: [DONE]\n\n");
        assertThat(deltaText(stream.body(), "content")).isEqualTo("echo: hi");
        assertThat(azure.calls()).allMatch(call -> call.body().get("model").getAsString().equals(DEPLOYMENT)
                && call.body().has("input") && !call.body().has("messages"));
    }

    @Test
    void responses_clients_get_the_azure_stream_relayed() throws Exception {
        HttpResponse<String> response = bed.post("/v1/responses",
                "{\"model\":\"x\",\"input\":\"hello\",\"stream\":true}", AZURE_KEY);

        assertThat(response.body()).contains("event: response.created").contains("event: response.completed");
        assertThat(deltaText(response.body(), "delta")).isEqualTo("echo: hello");
    }

    @Test
    void a_silent_azure_endpoint_is_cut_by_the_first_byte_watchdog() throws Exception {
        azure.enqueue(Scenario.SLOW_FIRST_BYTE);

        HttpResponse<String> response = messages(claudeCode(true));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Json.object(response.body()).get("type").getAsString()).isEqualTo("error");
        assertThat(lastRow().errorCode()).isEqualTo("azure_timeout");
        Await.until("the stalled Azure call was dropped", () -> azure.disconnects() == 1);
    }

    @Test
    void a_stall_after_output_ends_with_the_protocols_terminal_event() throws Exception {
        azure.enqueue(Scenario.STALL_MID_STREAM);

        HttpResponse<String> response = messages(claudeCode(true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"text_delta\"").contains("event: error")
                .doesNotContain("event: message_stop");
        assertThat(lastRow().errorCode()).isEqualTo("upstream_idle_timeout");
    }

    @Test
    void a_cut_azure_stream_ends_a_chat_stream_with_an_error_chunk() throws Exception {
        azure.enqueue(Scenario.DROP_MID_STREAM);

        HttpResponse<String> response = bed.post("/v1/chat/completions",
                "{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", AZURE_KEY);

        assertThat(response.body()).contains("\"error\"").contains("upstream_stream_closed");
    }

    @Test
    void azure_429_reaches_claude_code_as_rate_limit_error_with_retry_after() throws Exception {
        azure.enqueue(FakeAzureOpenAi.Fault.RATE_LIMITED);

        HttpResponse<String> response = messages(claudeCode(true));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).as("Azure said 6 s").hasValue("6");
        JsonObject error = Json.object(response.body());
        assertThat(error.get("type").getAsString()).isEqualTo("error");
        assertThat(error.getAsJsonObject("error").get("type").getAsString()).isEqualTo("rate_limit_error");
        assertThat(lastRow().status()).isEqualTo(429);
    }

    @Test
    void azure_errors_keep_their_status_and_openai_clients_get_azures_body() throws Exception {
        addAzureKey(azure.endpoint() + "/openai/v1/", "not-the-secret", DEPLOYMENT);

        HttpResponse<String> denied = bed.post("/v1/chat/completions",
                "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", AZURE_KEY);
        addAzureKey(azure.endpoint(), SECRET, "no-such-deployment");
        HttpResponse<String> missing = bed.post("/v1/responses", "{\"model\":\"x\",\"input\":\"hi\"}", AZURE_KEY);
        addAzureKey(azure.endpoint(), SECRET, DEPLOYMENT);
        azure.enqueue(FakeAzureOpenAi.Fault.CONTENT_FILTER);
        HttpResponse<String> filtered = bed.post("/v1/responses", "{\"model\":\"x\",\"input\":\"hi\"}", AZURE_KEY);

        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains("Access denied");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("DeploymentNotFound");
        assertThat(filtered.statusCode()).isEqualTo(400);
        assertThat(filtered.body()).contains("content_filter");
        assertThat(bed.recorder.records).extracting(RequestRecorder.RequestRecord::status)
                .containsExactly(401, 404, 400);
    }

    @Test
    void an_azure_key_without_endpoint_or_secret_is_refused_clearly() throws Exception {
        bed.keys.add(AZURE_KEY, new PlatformKey("key-az", "cmk_azure", "azure_openai", null, null, List.of(), null,
                new PlatformKey.Azure(" ", () -> SECRET)));
        HttpResponse<String> noEndpoint = messages(claudeCode(true));
        bed.keys.add(AZURE_KEY, new PlatformKey("key-az", "cmk_azure", "azure_openai", null, null, List.of(), null,
                new PlatformKey.Azure(azure.endpoint(), () -> {
                    throw new IllegalStateException("sealed secret cannot be opened");
                })));
        HttpResponse<String> noSecret = bed.post("/v1/chat/completions",
                "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", AZURE_KEY);

        assertThat(noEndpoint.statusCode()).isEqualTo(400);
        assertThat(noEndpoint.body()).contains("no Azure endpoint");
        assertThat(noSecret.statusCode()).isEqualTo(403);
        assertThat(noSecret.body()).contains("azure_key_missing");
        assertThat(azure.calls()).isEmpty();
    }
}
