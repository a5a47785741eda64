package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.FakeAccount;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key auth, protocol-shaped errors and the small routes. */
class GatewayHttpTest {
    static GatewayTestBed bed;
    static FakeAccount account;
    static final String BODY = "{\"model\":\"gpt-5.5\",\"input\":\"x\"}";

    @BeforeAll
    static void start() {
        bed = new GatewayTestBed(Map.of("CODEXMANAGER_FRONT_PROXY_MAX_BODY_BYTES", "4096"));
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
        bed.keys.reject("cmk_disabled_00000000000", 403, "key_disabled");
        bed.keys.add("cmk_limited_0000000000000", new PlatformKey("key-lim", "cmk_limi", "openai", null, null,
                List.of("gpt-5.4-mini"), null));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static void assertOpenAiError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-CodexManager-Trace-Id")).isPresent();
        var error = Json.object(response.body()).getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo(code);
        assertThat(error.has("message")).isTrue();
        assertThat(error.has("type")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void missing_key_is_401() throws Exception {
        assertOpenAiError(bed.post("/v1/responses", BODY, null), 401, "missing_api_key");
    }

    @Test
    void unknown_key_is_401() throws Exception {
        assertOpenAiError(bed.post("/v1/responses", BODY, "cmk_nope"), 401, "invalid_api_key");
    }

    @Test
    void disabled_key_is_403() throws Exception {
        assertOpenAiError(bed.post("/v1/responses", BODY, "cmk_disabled_00000000000"), 403, "key_disabled");
    }

    @Test
    void model_outside_the_allowed_list_is_403() throws Exception {
        assertOpenAiError(bed.post("/v1/responses", BODY, "cmk_limited_0000000000000"), 403, "model_not_allowed");
    }

    @Test
    void keys_are_accepted_from_x_api_key_and_api_key_headers() throws Exception {
        for (String header : new String[] {"x-api-key", "api-key"}) {
            HttpResponse<String> response = bed.http.send(HttpRequest.newBuilder(
                    URI.create(bed.baseUrl() + "/v1/responses?api-version=1")).header(header, TestKeys.KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(header).isEqualTo(200);
        }
    }

    @Test
    void malformed_json_is_400() throws Exception {
        assertOpenAiError(bed.post("/v1/responses", "{nope"), 400, "invalid_json");
    }

    @Test
    void missing_model_is_400() throws Exception {
        assertOpenAiError(bed.post("/v1/responses", "{\"input\":\"x\"}"), 400, "missing_model");
    }

    @Test
    void body_over_the_limit_is_413() throws Exception {
        String big = "{\"model\":\"gpt-5.5\",\"input\":\"" + "x".repeat(5000) + "\"}";
        assertOpenAiError(bed.post("/v1/responses", big), 413, "request_too_large");
    }

    @Test
    void unknown_v1_route_is_a_404_in_openai_shape() throws Exception {
        assertThat(bed.post("/v1/nothing", BODY).statusCode()).isEqualTo(404);
        var get = bed.http.send(HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/v1/unknown/thing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(Json.object(get.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("unknown_url");
    }

    @Test
    void head_and_get_root_answer_without_auth() throws Exception {
        var head = bed.http.send(HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        var get = bed.http.send(HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(get.statusCode()).isEqualTo(200);
    }

    @Test
    void a_request_without_instructions_and_with_rejected_fields_is_normalised() throws Exception {
        HttpResponse<String> response = bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":[{\"role\":"
                + "\"system\",\"content\":\"be brief\"},{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}],\"temperature\":1,\"top_p\":0.5,"
                + "\"metadata\":{\"a\":\"b\"},\"user\":\"u\",\"previous_response_id\":\"resp_1\",\"store\":true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var sent = bed.fake.lastRequest(com.codexmanager.testkit.FakeUpstream.RESPONSES_PATH).orElseThrow().json();
        assertThat(sent.get("instructions").getAsString()).isEmpty();
        assertThat(sent.get("store").getAsBoolean()).isFalse();
        assertThat(sent.getAsJsonArray("input").get(0).getAsJsonObject().get("role").getAsString())
                .isEqualTo("developer");
    }

    /** The conversation is copied as the client spelt it: escapes, number spellings and field order survive. */
    @Test
    void a_responses_conversation_goes_upstream_byte_for_byte() throws Exception {
        String item = "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"caf\\u00e9 \\\"quoted\\\" 1.50\"}],\"x\":1.50}";
        HttpResponse<String> response = bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":["
                + item + "],\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"max\":1E3}}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String sent = bed.fake.lastRequest(com.codexmanager.testkit.FakeUpstream.RESPONSES_PATH).orElseThrow().body();
        assertThat(sent).contains("\"input\":[" + item + "]").contains("{\"max\":1E3}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/responses", "/v1/chat/completions"})
    void a_body_that_is_not_utf8_is_400(String path) throws Exception {
        byte[] body = "{\"model\":\"gpt-5.5\",\"input\":\"\u00ff\",\"messages\":[]}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = bed.http.send(HttpRequest.newBuilder(URI.create(bed.baseUrl()
                + path)).header("Authorization", "Bearer " + TestKeys.KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertOpenAiError(response, 400, "invalid_json");
    }

    @Test
    void every_request_writes_one_log_row_and_trace_events() throws Exception {
        int before = bed.recorder.records.size();
        HttpResponse<String> response = bed.post("/v1/responses", BODY);
        String trace = response.headers().firstValue("X-CodexManager-Trace-Id").orElseThrow();

        assertThat(bed.recorder.records).hasSize(before + 1);
        assertThat(bed.recorder.traces(trace)).extracting(CollectingRecorder.TraceLine::event)
                .contains("REQUEST_START", "CANDIDATE_POOL", "CANDIDATE_START", "REQUEST_FINAL");
    }
}
