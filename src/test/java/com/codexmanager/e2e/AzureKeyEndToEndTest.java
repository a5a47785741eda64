package com.codexmanager.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.AzureKeyedService;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.google.gson.JsonObject;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code azure_openai} key created over RPC, used by the official openai-java SDK for Chat Completions against
 * the real service: the request is served by the key's Azure resource (an Azure-shaped fake) and the stored
 * request-log row has the deployment as model, the time to first byte and the tokens.
 */
class AzureKeyEndToEndTest {
    @TempDir
    Path dir;
    AzureKeyedService service;
    OpenAIClient client;

    @BeforeEach
    void start() {
        service = AzureKeyedService.start(dir.resolve("service"), FakeUpstreamOptions.builder().build());
        client = OpenAIOkHttpClient.builder().baseUrl(service.baseUrl() + "/v1").apiKey(service.key())
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        service.close();
    }

    @Test
    void chat_completions_with_an_azure_key_are_served_by_azure_and_logged_with_model_first_byte_and_tokens() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-5.5").addUserMessage("Name a prime number").build());

        assertThat(completion.choices().get(0).message().content()).contains("echo: Name a prime number");
        assertThat(service.azure().calls()).hasSize(1);
        assertThat(service.azure().calls().get(0).body().get("model").getAsString())
                .isEqualTo(AzureKeyedService.DEPLOYMENT);
        JsonObject row = service.storedRow("any", r -> true);
        assertThat(row.get("path").getAsString()).isEqualTo("/v1/chat/completions");
        assertThat(row.get("statusCode").getAsInt()).isEqualTo(200);
        assertThat(row.get("clientModel").getAsString()).isEqualTo("gpt-5.5");
        assertThat(row.get("model").getAsString()).isEqualTo(AzureKeyedService.DEPLOYMENT);
        assertThat(row.get("firstByteMs").getAsLong()).isNotNegative();
        assertThat(row.get("inputTokens").getAsLong()).isPositive();
        assertThat(row.get("outputTokens").getAsLong()).isPositive();
    }
}
