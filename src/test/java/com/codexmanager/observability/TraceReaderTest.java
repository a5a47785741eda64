package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");

    @TempDir
    Path dir;

    private static String line(int second, String trace, TraceEvent event, Map<String, ?> fields) {
        return TraceLineFormatter.format(T0.plusSeconds(second), trace, event, fields, 64) + "\n";
    }

    @Test
    void a_formatted_line_parses_back_with_quotes_escapes_and_body() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", "/v1/responses");
        fields.put("error", "upstream said \"no\"\nthen a=b\ttab");
        fields.put("empty", "");
        fields.put("missing", null);
        fields.put(TraceLog.BODY, "{\"input\":\"hi\"}");
        String text = line(0, "t-1", TraceEvent.REQUEST_START, fields).strip();

        var entry = TraceLineParser.parse(text).orElseThrow();

        assertThat(entry.ts()).isEqualTo(T0);
        assertThat(entry.tsMillis()).isEqualTo(T0.toEpochMilli());
        assertThat(entry.traceId()).isEqualTo("t-1");
        assertThat(entry.event()).isEqualTo("REQUEST_START");
        assertThat(entry.fields()).containsExactly(Map.entry("path", "/v1/responses"),
                Map.entry("error", "upstream said \"no\"\nthen a=b\ttab"), Map.entry("empty", ""),
                Map.entry("missing", "-"), Map.entry("body_bytes", "14"), Map.entry("body", "{\"input\":\"hi\"}"));
    }

    @Test
    void malformed_lines_are_skipped() {
        assertThat(TraceLineParser.parse("not a trace line")).isEmpty();
        assertThat(TraceLineParser.parse("ts=yesterday trace=a event=X")).isEmpty();
        assertThat(TraceLineParser.parse("ts=2026-01-02T03:04:05Z trace=a event=X note=\"cut")).isEmpty();
        assertThat(TraceLineParser.parse("ts=2026-01-02T03:04:05Z event=X")).isEmpty();
    }

    @Test
    void events_span_rotated_files_oldest_first_and_other_traces_are_ignored() throws IOException {
        Path file = dir.resolve("gateway-trace.log");
        Files.writeString(dir.resolve("gateway-trace.log.2"), line(0, "old", TraceEvent.REQUEST_START, Map.of()));
        Files.writeString(dir.resolve("gateway-trace.log.1"), line(1, "t", TraceEvent.REQUEST_START, Map.of())
                + line(2, "t-other", TraceEvent.REQUEST_START, Map.of()) + "garbage trace=t \n");
        Files.writeString(file, line(3, "t", TraceEvent.REQUEST_FINAL, Map.of("status", 200))
                + "ts=2026-01-02T03:04:09Z trace=t event=REQUEST_FI");

        TraceReader.Found found = new TraceReader(file, 3).read("t", 200);

        assertThat(found.events()).extracting(TraceLineParser.TraceEntry::event)
                .containsExactly("REQUEST_START", "REQUEST_FINAL");
        assertThat(found.events().get(1).fields()).containsEntry("status", "200");
        assertThat(found.truncated()).isFalse();
    }

    @Test
    void only_the_newest_lines_up_to_the_limit_are_returned() throws IOException {
        Path file = dir.resolve("gateway-trace.log");
        StringBuilder older = new StringBuilder();
        StringBuilder newer = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            older.append(line(i, "t", TraceEvent.REQUEST_START, Map.of("n", i)));
            newer.append(line(10 + i, "t", TraceEvent.REQUEST_START, Map.of("n", 10 + i)));
        }
        Files.writeString(dir.resolve("gateway-trace.log.1"), older);
        Files.writeString(file, newer);

        TraceReader.Found found = new TraceReader(file, 3).read("t", 7);

        List<String> numbers = new ArrayList<>();
        found.events().forEach(e -> numbers.add(e.fields().get("n")));
        assertThat(numbers).containsExactly("3", "4", "10", "11", "12", "13", "14");
        assertThat(found.truncated()).isTrue();
    }

    @Test
    void no_trace_file_yet_means_no_events() {
        assertThat(new TraceReader(dir.resolve("gateway-trace.log"), 3).read("t", 200).events()).isEmpty();
    }
}
