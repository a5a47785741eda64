package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK talking Responses to the gateway, stream and non-stream. */
class ResponsesSdkTest {
    static GatewayTestBed bed;
    static OpenAIClient client;
    static FakeAccount account;

    @BeforeAll
    static void start() {
        bed = new GatewayTestBed(Map.of());
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
        client = OpenAIOkHttpClient.builder().baseUrl(bed.baseUrl() + "/v1").apiKey(TestKeys.KEY)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        bed.close();
    }

    @Test
    void non_streaming_response_is_rebuilt_from_the_stream() {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model("gpt-5.5").input("Say hello").maxOutputTokens(100).temperature(0.2).build());

        String text = response.output().stream().filter(o -> o.isMessage())
                .flatMap(o -> o.asMessage().content().stream())
                .filter(c -> c.isOutputText()).map(c -> c.asOutputText().text()).reduce("", String::concat);
        assertThat(text).isEqualTo("echo: Say hello");
        assertThat(bed.fake.lastRequest(com.codexmanager.testkit.FakeUpstream.RESPONSES_PATH).orElseThrow().json().get("stream").getAsBoolean()).isTrue();
        assertThat(bed.fake.lastRequest(com.codexmanager.testkit.FakeUpstream.RESPONSES_PATH).orElseThrow().json().has("max_output_tokens")).isFalse();
    }

    @Test
    void streaming_response_relays_deltas_and_completes() {
        StringBuilder text = new StringBuilder();
        boolean completed = false;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("gpt-5.5").input("Stream please").build())) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                completed |= event.isCompleted();
            }
        }

        assertThat(text.toString()).isEqualTo("echo: Stream please");
        assertThat(completed).isTrue();
        assertThat(bed.recorder.records).anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.finalAccountId()).isEqualTo(account.accountId());
            assertThat(r.outputTokens()).isNotNull();
        });
    }
}
