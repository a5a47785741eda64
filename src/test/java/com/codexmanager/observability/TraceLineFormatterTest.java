package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One trace line: safe keys, quoted values, one line whatever the values hold. */
class TraceLineFormatterTest {
    @Test
    void keys_keep_safe_characters_and_lose_every_other_one() {
        assertThat(TraceLineFormatter.safeKey("account_id")).isEqualTo("account_id");
        assertThat(TraceLineFormatter.safeKey("a.b-C9")).isEqualTo("a.b-C9");
        assertThat(TraceLineFormatter.safeKey("bad key=1")).isEqualTo("bad_key_1");
        assertThat(TraceLineFormatter.safeKey("ключ\n")).isEqualTo("_____");
    }

    @Test
    void a_line_with_odd_keys_and_values_stays_one_line() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("odd key", "two words");
        fields.put("json", "{\"a\":\"b\"}\nnext");
        String line = TraceLineFormatter.format(Instant.EPOCH, "trc_1", TraceEvent.REQUEST_START, fields, 0);

        assertThat(line).doesNotContain("\n").contains(" odd_key=\"two words\"")
                .contains(" json=\"{\\\"a\\\":\\\"b\\\"}\\nnext\"");
    }
}
