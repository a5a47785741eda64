package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.Scenario;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a streaming client sees when the upstream misbehaves after (or before) the stream started. */
class StreamingFaultsTest {
    private static final String STREAM_BODY = "{\"model\":\"gpt-5.5\",\"input\":\"hello\",\"stream\":true}";

    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;

    @BeforeEach
    void start() {
        FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .stallDuration(Duration.ofSeconds(30)).dripInterval(Duration.ofMillis(100)).build());
        bed = new GatewayTestBed(fake, Map.of("CODEXMANAGER_UPSTREAM_IDLE_TIMEOUT_SECS", "1",
                "CODEXMANAGER_UPSTREAM_FIRST_BYTE_TIMEOUT_SECS", "1"));
        first = bed.fake.createAccount();
        second = bed.fake.createAccount();
        bed.pool.add(first, 1).add(second, 2);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private HttpResponse<InputStream> openStream() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/v1/responses"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestKeys.KEY)
                .POST(HttpRequest.BodyPublishers.ofString(STREAM_BODY)).build();
        return bed.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<String> readAll(HttpResponse<InputStream> response) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String lastData(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b).orElse("");
    }

    @Test
    void a_stream_cut_mid_way_ends_with_a_terminal_failed_event() throws Exception {
        first.enqueue(Scenario.DROP_MID_STREAM);

        HttpResponse<InputStream> response = openStream();
        List<String> lines = readAll(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).anyMatch(l -> l.contains("response.output_text.delta"));
        assertThat(lastData(lines)).contains("\"type\":\"response.failed\"").contains("upstream_stream_closed");
        assertThat(bed.fake.responsesCount(second.accountId())).as("no replay after output").isZero();
    }

    @Test
    void an_upstream_silent_mid_stream_is_ended_after_the_idle_timeout() throws Exception {
        first.enqueue(Scenario.STALL_MID_STREAM);
        long start = System.nanoTime();

        List<String> lines = readAll(openStream());

        assertThat(lastData(lines)).contains("response.failed").contains("upstream_idle_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(lines).as("keep-alives while silent").contains(": keep-alive");
        bed.fake.awaitDisconnects(1, Duration.ofSeconds(5));
    }

    @Test
    void a_slow_first_byte_fails_over_to_the_next_account() throws Exception {
        first.enqueue(Scenario.SLOW_FIRST_BYTE);

        HttpResponse<InputStream> response = openStream();
        List<String> lines = readAll(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lastData(lines)).contains("response.completed");
        assertThat(bed.recorder.records).last().satisfies(r ->
                assertThat(r.finalAccountId()).isEqualTo(second.accountId()));
    }

    @Test
    void an_error_after_output_is_relayed_as_the_end_of_the_stream() throws Exception {
        first.enqueue(Scenario.ERROR_AFTER_OUTPUT);

        List<String> lines = readAll(openStream());

        assertThat(lines).anyMatch(l -> l.contains("response.output_text.delta"));
        assertThat(lines).anyMatch(l -> l.contains("response.failed") || l.contains("\"type\":\"error\""));
        assertThat(bed.fake.responsesCount(second.accountId())).isZero();
    }

    @Test
    void a_client_that_hangs_up_cancels_the_upstream_request() throws Exception {
        first.enqueue(Scenario.SLOW_DRIP);
        HttpResponse<InputStream> response = openStream();
        InputStream body = response.body();
        byte[] firstBytes = body.readNBytes(64);
        assertThat(firstBytes).isNotEmpty();

        body.close();

        assertThat(bed.fake.awaitDisconnects(1, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void a_normal_stream_ends_with_response_completed_and_no_done_marker() throws Exception {
        List<String> lines = readAll(openStream());

        assertThat(lastData(lines)).contains("response.completed");
        assertThat(lines).noneMatch(l -> l.contains("[DONE]"));
        assertThat(lines).anyMatch(l -> l.startsWith("event: response.output_item.done"));
    }
}
