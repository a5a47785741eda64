package com.codexmanager.observability;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway records about one request. Built with {@link #builder}; only the trace id, start time,
 * method, path, status and duration are required. Holds no secret: paths and error messages are passed through
 * the log redactor again before storage. Immutable.
 *
 * @param startedAt           when the request arrived
 * @param keyId               the platform key's id, or {@code null} when the request had no valid key
 * @param keyPrefix           the key's display prefix ({@code cmk_Ab12Cd34}), or {@code null}
 * @param initialAccountId    the first account tried, or {@code null}
 * @param accountId           the account that produced the final answer, or {@code null}
 * @param attemptedAccountIds every account tried, in order (possibly empty)
 * @param transport           {@code http} or {@code websocket} (one {@code response.create} frame)
 * @param adaptedPath         the upstream path after protocol adaptation, or {@code null}
 * @param clientModel         the model the client asked for, or {@code null}
 * @param model               the model sent upstream, or {@code null}
 * @param reasoningEffort     the effective reasoning effort, or {@code null}
 * @param errorCode           a stable error code for failures, or {@code null}
 * @param errorMessage        a short error message (no body), or {@code null}
 * @param durationMs          total time until the response ended, in milliseconds
 * @param firstByteMs         time until the first response byte, in milliseconds, or {@code null}
 * @param tokens              the upstream's usage, or {@code null} when none was reported
 * @param instanceName        the service instance that served it (several may share one database), or {@code null}
 */
public record RequestLogEntry(Instant startedAt, String traceId, String keyId, String keyPrefix,
        String initialAccountId, String accountId, List<String> attemptedAccountIds, String transport, String method,
        String path, String adaptedPath, String clientModel, String model, String reasoningEffort, int statusCode,
        String errorCode, String errorMessage, long durationMs, Long firstByteMs, TokenUsage tokens,
        String instanceName) {

    public RequestLogEntry {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        transport = transport == null ? HTTP : transport;
        attemptedAccountIds = attemptedAccountIds == null ? List.of() : List.copyOf(attemptedAccountIds);
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode must be 100..599: " + statusCode);
        }
        if (durationMs < 0 || (firstByteMs != null && firstByteMs < 0)) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static final String HTTP = "http";
    public static final String WEBSOCKET = "websocket";

    public static Builder builder(String traceId, Instant startedAt) {
        return new Builder(traceId, startedAt);
    }

    /** Collects an entry's fields; not thread-safe. */
    public static final class Builder {
        private final String traceId;
        private final Instant startedAt;
        private String keyId;
        private String keyPrefix;
        private String initialAccountId;
        private String accountId;
        private List<String> attemptedAccountIds = List.of();
        private String transport = HTTP;
        private String method = "POST";
        private String path = "/";
        private String adaptedPath;
        private String clientModel;
        private String model;
        private String reasoningEffort;
        private int statusCode = 200;
        private String errorCode;
        private String errorMessage;
        private long durationMs;
        private Long firstByteMs;
        private TokenUsage tokens;
        private String instanceName;

        private Builder(String traceId, Instant startedAt) {
            this.traceId = traceId;
            this.startedAt = startedAt;
        }

        public Builder key(String id, String prefix) {
            this.keyId = id;
            this.keyPrefix = prefix;
            return this;
        }

        /** The accounts tried in order; the first is the initial account, the last the final one. */
        public Builder accounts(List<String> attempted) {
            this.attemptedAccountIds = List.copyOf(attempted);
            this.initialAccountId = attempted.isEmpty() ? null : attempted.get(0);
            this.accountId = attempted.isEmpty() ? null : attempted.get(attempted.size() - 1);
            return this;
        }

        /** {@code http} (the default) or {@code websocket}. */
        public Builder transport(String transport) {
            this.transport = transport;
            return this;
        }

        public Builder request(String method, String path, String adaptedPath) {
            this.method = method;
            this.path = path;
            this.adaptedPath = adaptedPath;
            return this;
        }

        public Builder model(String clientModel, String effectiveModel, String reasoningEffort) {
            this.clientModel = clientModel;
            this.model = effectiveModel;
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder status(int statusCode) {
            this.statusCode = statusCode;
            return this;
        }

        public Builder error(String code, String message) {
            this.errorCode = code;
            this.errorMessage = message;
            return this;
        }

        public Builder timing(long durationMs, Long firstByteMs) {
            this.durationMs = durationMs;
            this.firstByteMs = firstByteMs;
            return this;
        }

        public Builder tokens(TokenUsage tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder instance(String name) {
            this.instanceName = name;
            return this;
        }

        public RequestLogEntry build() {
            return new RequestLogEntry(startedAt, traceId, keyId, keyPrefix, initialAccountId, accountId,
                    attemptedAccountIds, transport, method, path, adaptedPath, clientModel, model, reasoningEffort,
                    statusCode, errorCode, errorMessage, durationMs, firstByteMs, tokens,
                    instanceName);
        }
    }
}
