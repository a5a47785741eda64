package com.codexmanager.service;

import com.codexmanager.observability.RequestLogService;
import com.codexmanager.usage.AccountTraffic;
import java.time.Instant;
import java.util.List;

/** The usage forecast's burn rate, read from the request log. Thread-safe (stateless over the service). */
final class AccountTrafficAdapter implements AccountTraffic {
    private final RequestLogService log;

    AccountTrafficAdapter(RequestLogService log) {
        this.log = log;
    }

    @Override
    public List<Traffic> total(Instant from, Instant to) {
        return read(from, to, false);
    }

    @Override
    public List<Traffic> hourly(Instant from, Instant to) {
        return read(from, to, true);
    }

    private List<Traffic> read(Instant from, Instant to, boolean hourly) {
        return log.accountTraffic(from.toEpochMilli(), to.toEpochMilli(), hourly).stream()
                .map(t -> new Traffic(t.accountId(), Instant.ofEpochMilli(t.fromMs()), t.requests(), t.tokens()))
                .toList();
    }
}
