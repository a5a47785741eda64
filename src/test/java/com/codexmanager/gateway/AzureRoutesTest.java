package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Azure-style inbound routes ({@code api-key}, deployment = model, Azure-shaped errors) served by the pool.
 * {@code azure_openai} keys, served by their own Azure resource, are in {@link AzureKeyParityTest}.
 */
class AzureRoutesTest {
    private static final String CHAT = "{\"model\":\"gpt-5.5\",\"messages\":[{\"role\":\"user\",\"content\":\"hello azure\"}]}";

    GatewayTestBed bed;
    FakeAccount account;

    @BeforeEach
    void start() {
        bed = new GatewayTestBed(Map.of());
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private HttpResponse<String> post(String path, String body, String apiKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.baseUrl() + path))
                .header("Content-Type", "application/json").header("api-key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return bed.http.send(request, HttpResponse.BodyHandlers.ofString());
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
}
