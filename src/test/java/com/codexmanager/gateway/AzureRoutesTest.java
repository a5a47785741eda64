package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.google.gson.JsonObject;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Azure-style inbound routes ({@code api-key}, deployment = model, Azure-shaped errors) served by the pool, and
 * {@code azure_openai} keys forwarded to their own Azure endpoint (a small local stand-in, never the internet).
 */
class AzureRoutesTest {
    private static final String AZURE_KEY = "cmk_azure_key_0123456789";
    private static final String AZURE_SECRET = "azure-secret-for-tests";
    private static final String CHAT = "{\"model\":\"gpt-5.5\",\"messages\":[{\"role\":\"user\",\"content\":\"hello azure\"}]}";

    GatewayTestBed bed;
    FakeAccount account;
    Javalin azure;
    final List<String> azureCalls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        bed = new GatewayTestBed(Map.of());
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
        azure = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/openai/v1/chat/completions", ctx -> {
                JsonObject body = Json.object(ctx.body());
                azureCalls.add(ctx.header("api-key") + " " + body.get("model").getAsString());
                if (!AZURE_SECRET.equals(ctx.header("api-key"))) {
                    ctx.status(401).contentType("application/json")
                            .result("{\"error\":{\"code\":\"401\",\"message\":\"Access denied: bad api-key\"}}");
                    return;
                }
                if (body.has("stream") && body.get("stream").getAsBoolean()) {
                    ctx.contentType("text/event-stream").result("data: {\"id\":\"c1\",\"object\":"
                            + "\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"from "
                            + "azure\"},\"finish_reason\":null}]}\n\ndata: [DONE]\n\n");
                    return;
                }
                ctx.contentType("application/json").result("{\"id\":\"c1\",\"object\":\"chat.completion\","
                        + "\"model\":\"" + body.get("model").getAsString() + "\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"from azure\"},\"finish_reason\":"
                        + "\"stop\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}");
            });
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        azure.stop();
        bed.close();
    }

    private HttpResponse<String> post(String path, String body, String apiKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.baseUrl() + path))
                .header("Content-Type", "application/json").header("api-key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return bed.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void addAzureKey(PlatformKey.Azure endpoint) {
        bed.keys.add(AZURE_KEY, new PlatformKey("key-az", "cmk_azure", "azure_openai", null, null, List.of(), null,
                endpoint));
    }

    private String azureBase() {
        return "http://127.0.0.1:" + azure.port();
    }

    @Test
    void deployment_chat_route_uses_the_deployment_as_the_model() throws Exception {
        HttpResponse<String> response = post("/openai/deployments/gpt-5.5/chat/completions?api-version=2024-10-21",
                CHAT, TestKeys.KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject completion = Json.object(response.body());
        assertThat(completion.get("object").getAsString()).isEqualTo("chat.completion");
        assertThat(completion.toString()).contains("echo: hello azure");
        assertThat(bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json().getAsJsonObject()
                .get("model").getAsString()).isEqualTo("gpt-5.5");
    }

    @Test
    void deployment_responses_route_answers_a_response_object() throws Exception {
        HttpResponse<String> response = post("/openai/deployments/gpt-5.4-mini/responses?api-version=2025-04-01-preview",
                "{\"input\":\"hi there\"}", TestKeys.KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.object(response.body()).get("model").getAsString()).isEqualTo("gpt-5.4-mini");
    }

    @Test
    void v1_routes_take_the_model_from_the_body_and_stream() throws Exception {
        HttpResponse<String> chat = post("/openai/v1/chat/completions",
                "{\"model\":\"gpt-5.5\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hey\"}]}",
                TestKeys.KEY);
        HttpResponse<String> responses = post("/openai/v1/responses",
                "{\"model\":\"gpt-5.5\",\"input\":\"hey\",\"stream\":true}", TestKeys.KEY);

        assertThat(chat.body()).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
        assertThat(responses.body()).contains("event: response.completed");
    }

    @Test
    void errors_on_azure_routes_are_azure_shaped() throws Exception {
        HttpResponse<String> response = post("/openai/deployments/gpt-5.5/chat/completions?api-version=2024-10-21",
                CHAT, "cmk_wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject error = Json.object(response.body()).getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("invalid_api_key");
        assertThat(error.get("status").getAsInt()).isEqualTo(401);
        assertThat(error.get("message").getAsString()).isNotBlank();
    }

    @Test
    void an_azure_openai_key_is_served_by_its_own_endpoint_not_the_pool() throws Exception {
        addAzureKey(new PlatformKey.Azure(azureBase(), () -> AZURE_SECRET));

        HttpResponse<String> response = bed.post("/v1/chat/completions",
                "{\"model\":\"my-gpt-deployment\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", AZURE_KEY);
        HttpResponse<String> stream = bed.post("/v1/chat/completions", "{\"model\":\"my-gpt-deployment\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", AZURE_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("from azure");
        assertThat(stream.body()).contains("from azure").endsWith("data: [DONE]\n\n");
        assertThat(azureCalls).containsExactly(AZURE_SECRET + " my-gpt-deployment",
                AZURE_SECRET + " my-gpt-deployment");
        assertThat(bed.fake.responsesCount(account.accountId())).isZero();
        assertThat(bed.recorder.records).filteredOn(r -> "key-az".equals(r.keyId())).first().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.inputTokens()).isEqualTo(7L);
            assertThat(r.outputTokens()).isEqualTo(2L);
        });
        assertThat(bed.recorder.traces.toString()).doesNotContain(AZURE_SECRET);
    }

    @Test
    void azure_errors_pass_through_with_their_status() throws Exception {
        addAzureKey(new PlatformKey.Azure(azureBase() + "/openai/v1/", () -> "not-the-secret"));

        HttpResponse<String> response = bed.post("/v1/chat/completions", CHAT, AZURE_KEY);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Access denied");
        assertThat(bed.recorder.records).last().satisfies(r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void an_azure_key_without_endpoint_or_secret_is_refused_clearly() throws Exception {
        addAzureKey(new PlatformKey.Azure(" ", () -> AZURE_SECRET));
        HttpResponse<String> noEndpoint = bed.post("/v1/chat/completions", CHAT, AZURE_KEY);
        addAzureKey(new PlatformKey.Azure(azureBase(), () -> {
            throw new IllegalStateException("sealed secret cannot be opened");
        }));
        HttpResponse<String> noSecret = bed.post("/v1/chat/completions", CHAT, AZURE_KEY);

        assertThat(noEndpoint.statusCode()).isEqualTo(400);
        assertThat(noEndpoint.body()).contains("azure_endpoint_missing");
        assertThat(noSecret.statusCode()).isEqualTo(403);
        assertThat(noSecret.body()).contains("azure_key_missing");
        assertThat(azureCalls).isEmpty();
    }
}
