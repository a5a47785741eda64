package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.Settings;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.ServiceHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFileWriterTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00.123Z");

    @TempDir
    Path dir;

    private TraceFileWriter writer;

    private TraceFileWriter open(Map<String, String> env) {
        writer = new TraceFileWriter(dir.resolve("gateway-trace.log"), () -> Settings.fromEnvironment(env),
                new MutableClock(NOW));
        return writer;
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private List<String> lines(TraceFileWriter w, long events) throws IOException {
        Await.until(events + " events written", () -> w.writtenEvents() == events);
        return Files.readAllLines(dir.resolve("gateway-trace.log"));
    }

    @Test
    void each_event_is_one_key_value_line() throws IOException {
        TraceFileWriter w = open(Map.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("candidates", List.of("acc_1", "acc_2"));
        fields.put("strategy", "ordered");
        fields.put("note", "two words\nand a newline");
        fields.put("missing", null);

        w.event("trc_1", TraceEvent.CANDIDATE_POOL, fields);
        Map<String, Object> skip = new LinkedHashMap<>();
        skip.put("account_id", "acc_2");
        skip.put("reason", "cooldown");
        w.event("trc_1", TraceEvent.CANDIDATE_SKIP, skip);

        assertThat(lines(w, 2)).containsExactly(
                "ts=2026-05-01T12:00:00.123Z trace=trc_1 event=CANDIDATE_POOL candidates=[acc_1,acc_2] "
                        + "strategy=ordered note=\"two words\\nand a newline\" missing=-",
                "ts=2026-05-01T12:00:00.123Z trace=trc_1 event=CANDIDATE_SKIP account_id=acc_2 reason=cooldown");
    }

    @Test
    void secrets_never_reach_the_file() throws IOException {
        TraceFileWriter w = open(Map.of());

        w.event("trc_1", TraceEvent.REQUEST_START, Map.of("key", "cmk_0123456789abcdefghij",
                "auth", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "header", "x-api-key: sk-live1234567890"));

        String line = lines(w, 1).get(0);
        assertThat(line).doesNotContain("0123456789abcdefghij").doesNotContain("eyJzdWIiOiIxIn0")
                .doesNotContain("live1234567890").contains("[REDACTED]");
    }

    @Test
    void bodies_are_left_out_unless_a_preview_size_is_set() throws IOException {
        byte[] body = ("{\"model\":\"gpt-5.5\",\"api_key\":\"plain-secret-value\",\"input\":\"data:image/png;base64,"
                + "iVBORw0KGgoAAAANSUhEUg==\",\"text\":\"" + "x".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8);
        TraceFileWriter off = open(Map.of());
        off.event("trc_1", TraceEvent.REQUEST_START, Map.of(TraceLog.BODY, body));
        assertThat(lines(off, 1).get(0)).endsWith("event=REQUEST_START body_bytes=" + body.length);
        off.close();
        Files.delete(dir.resolve("gateway-trace.log"));

        TraceFileWriter on = open(Map.of("CODEXMANAGER_TRACE_BODY_PREVIEW_MAX_BYTES", "200"));
        on.event("trc_2", TraceEvent.REQUEST_START, Map.of(TraceLog.BODY, body));

        String line = lines(on, 1).get(0);
        assertThat(line).contains("body=\"{\\\"model\\\":\\\"gpt-5.5\\\"").contains("data:image;base64,[image]")
                .doesNotContain("plain-secret-value").doesNotContain("iVBORw0KGgo").endsWith("…\"");
        assertThat(line.length()).isLessThan(400);
    }

    @Test
    void the_file_rotates_at_the_size_cap_and_keeps_three_old_files() throws IOException {
        TraceFileWriter w = open(Map.of("CODEXMANAGER_TRACE_LOG_MAX_BYTES", "4096"));

        for (int i = 0; i < 400; i++) {
            w.event("trc_" + i, TraceEvent.ATTEMPT_RESULT, Map.of("status", 200, "elapsed_ms", i));
        }
        lines(w, 400);

        Path current = dir.resolve("gateway-trace.log");
        for (Path p : List.of(current, w.rotated(1), w.rotated(2), w.rotated(3))) {
            assertThat(p).exists();
            assertThat(Files.size(p)).isLessThanOrEqualTo(4096);
        }
        assertThat(w.rotated(4)).doesNotExist();
        assertThat(Files.readAllLines(current).get(Files.readAllLines(current).size() - 1)).contains("trc_399");
        assertThat(Files.readAllLines(w.rotated(1)).get(0)).startsWith("ts=");
    }

    @Test
    void the_service_writes_gateway_trace_log_in_the_data_dir() throws IOException {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            TraceLog trace = harness.service().module(ObservabilityModule.class).orElseThrow().trace();

            trace.event("trc_9", TraceEvent.REQUEST_FINAL, Map.of("status", 200));
            harness.close();

            assertThat(Files.readString(harness.service().dataDir().traceLog()))
                    .contains("trace=trc_9 event=REQUEST_FINAL status=200");
        }
    }
}
