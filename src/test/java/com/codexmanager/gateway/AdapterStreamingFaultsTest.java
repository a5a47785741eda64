package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.Scenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults through the adapters: before output a request fails over to the next account; after output the stream
 * ends with the protocol's terminal error, never a hang.
 */
class AdapterStreamingFaultsTest {
    private static final String CHAT = "{\"model\":\"gpt-5.5\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}";
    private static final String MESSAGES = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1000,\"stream\":true,"
            + "\"thinking\":{\"type\":\"disabled\"},\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}";

    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;

    @BeforeEach
    void start() {
        FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .stallDuration(Duration.ofSeconds(30)).dripInterval(Duration.ofMillis(100)).build());
        bed = new GatewayTestBed(fake, Map.of("CODEXMANAGER_UPSTREAM_IDLE_TIMEOUT_SECS", "1"));
        first = bed.fake.createAccount();
        second = bed.fake.createAccount();
        bed.pool.add(first, 1).add(second, 2);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private List<String> stream(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestKeys.KEY)
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = bed.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(l -> !l.isEmpty()).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DROP_MID_STREAM", "STALL_MID_STREAM", "ERROR_AFTER_OUTPUT"})
    void chat_streams_end_with_an_error_chunk_then_done(Scenario fault) throws Exception {
        first.enqueue(fault);

        List<String> lines = stream("/v1/chat/completions", CHAT);

        assertThat(lines).anyMatch(l -> l.contains("\"content\":\"echo:"));
        assertThat(lines.get(lines.size() - 2)).startsWith("data: {\"error\":");
        assertThat(lines).last().isEqualTo("data: [DONE]");
        assertThat(lines).noneMatch(l -> l.contains("\"finish_reason\":\"stop\""));
        assertThat(bed.fake.responsesCount(second.accountId())).as("no replay after output").isZero();
        assertThat(bed.recorder.records).last().satisfies(r -> assertThat(r.errorCode()).isNotNull());
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DROP_MID_STREAM", "STALL_MID_STREAM", "ERROR_AFTER_OUTPUT"})
    void anthropic_streams_end_with_an_error_event(Scenario fault) throws Exception {
        first.enqueue(fault);

        List<String> lines = stream("/v1/messages", MESSAGES);

        assertThat(lines).contains("event: message_start");
        assertThat(lines).anyMatch(l -> l.contains("text_delta"));
        assertThat(lines.get(lines.size() - 2)).isEqualTo("event: error");
        assertThat(lines).last().asString().startsWith("data: {\"type\":\"error\",\"error\":{\"type\":");
        assertThat(lines).doesNotContain("event: message_stop");
        assertThat(bed.fake.responsesCount(second.accountId())).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"OVERLOADED", "ERROR_BEFORE_OUTPUT"})
    void a_fault_before_output_fails_over_for_chat_and_messages(Scenario fault) throws Exception {
        first.enqueue(fault);

        List<String> chat = stream("/v1/chat/completions", CHAT);
        List<String> messages = stream("/v1/messages", MESSAGES);

        assertThat(chat).last().isEqualTo("data: [DONE]");
        assertThat(chat).anyMatch(l -> l.contains("\"finish_reason\":\"stop\""));
        assertThat(messages).last().isEqualTo("data: {\"type\":\"message_stop\"}");
        assertThat(bed.recorder.records.get(0).attemptedAccountIds())
                .containsExactly(first.accountId(), second.accountId());
        assertThat(bed.recorder.records).hasSize(2).allSatisfy(r -> {
            assertThat(r.finalAccountId()).isEqualTo(second.accountId());
            assertThat(r.status()).isEqualTo(200);
        });
    }
}
