package com.codexmanager.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The filters of {@code requestlog/list}, turned into one SQL {@code WHERE} clause. Immutable.
 *
 * @param terms     parsed search terms ({@link LogQuery}); all must match
 * @param keyId     exact key id, or {@code null}
 * @param accountId exact final account id, or {@code null}
 * @param fromMs    inclusive lower bound, epoch ms, or {@code null}
 * @param toMs      exclusive upper bound, epoch ms, or {@code null}
 */
record RequestLogFilter(List<LogQuery.Condition> terms, StatusFilter status, String keyId, String accountId,
        Long fromMs, Long toMs) {

    /** The status chips of the log page. */
    enum StatusFilter {
        ALL(0, 0), SUCCESS_2XX(200, 299), CLIENT_4XX(400, 499), SERVER_5XX(500, 599);

        private final int low;
        private final int high;

        StatusFilter(int low, int high) {
            this.low = low;
            this.high = high;
        }

        static Optional<StatusFilter> parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "", "all" -> Optional.of(ALL);
                case "2xx" -> Optional.of(SUCCESS_2XX);
                case "4xx" -> Optional.of(CLIENT_4XX);
                case "5xx" -> Optional.of(SERVER_5XX);
                default -> Optional.empty();
            };
        }
    }

    static final RequestLogFilter NONE = new RequestLogFilter(List.of(), StatusFilter.ALL, null, null, null, null);

    RequestLogFilter {
        terms = List.copyOf(terms);
    }

    /** The clause without the {@code WHERE} keyword ({@code 1=1} when nothing filters) and its parameters. */
    LogQuery.Condition where() {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (fromMs != null) {
            parts.add("created_ms >= ?");
            params.add(fromMs);
        }
        if (toMs != null) {
            parts.add("created_ms < ?");
            params.add(toMs);
        }
        if (status != StatusFilter.ALL) {
            parts.add("status_code BETWEEN ? AND ?");
            params.add(status.low);
            params.add(status.high);
        }
        if (keyId != null) {
            parts.add("key_id = ?");
            params.add(keyId);
        }
        if (accountId != null) {
            parts.add("account_id = ?");
            params.add(accountId);
        }
        for (LogQuery.Condition term : terms) {
            parts.add(term.sql());
            params.addAll(term.params());
        }
        return new LogQuery.Condition(parts.isEmpty() ? "1=1" : String.join(" AND ", parts), params);
    }
}
