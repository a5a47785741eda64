package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceIdsTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00.123Z");

    @Test
    void startsWithTheRequestTimeThenRandomDigits() {
        TraceIds ids = new TraceIds(new MutableClock(T0));

        String id = ids.next();

        assertThat(id).matches("trc_[0-9a-f]{19}");
        assertThat(Long.parseLong(id.substring(4, 15), 16)).isEqualTo(T0.toEpochMilli());
    }

    /** The request log's index on trace_id stays append-only only if later ids sort after earlier ones. */
    @Test
    void laterIdsSortAfterEarlierOnesAcrossHexCarries() {
        long carry = (T0.toEpochMilli() | 0xFFF) - 2;
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(carry));
        TraceIds ids = new TraceIds(clock);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            issued.add(ids.next());
            clock.advance(Duration.ofMillis(1));
        }
        clock.advance(Duration.ofDays(400));
        issued.add(ids.next());

        assertThat(issued).isSorted();
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomPart() {
        TraceIds ids = new TraceIds(new MutableClock(T0));
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            distinct.add(ids.next());
        }

        // 32 random bits: a repeat among 100 ids has a chance of about one in a million, two in 10^12
        assertThat(distinct).hasSizeGreaterThanOrEqualTo(99);
    }
}
