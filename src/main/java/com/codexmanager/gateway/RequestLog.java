package com.codexmanager.gateway;

import com.codexmanager.gateway.port.RequestRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The request-log row under construction for one request. Single-thread use (the request's thread). */
final class RequestLog {
    final String traceId;
    final Instant startedAt;
    final String method;
    final String path;
    final String adaptedPath;
    String keyId;
    String keyPrefix;
    String clientModel;
    String effectiveModel;
    String reasoningEffort;
    List<String> attempted = List.of();
    String finalAccount;
    int status;
    String errorCode;
    String errorMessage;
    Long firstByteMillis;
    ExecutionResult.Usage usage = ExecutionResult.Usage.NONE;

    RequestLog(String traceId, Instant startedAt, String method, String path, String adaptedPath) {
        this.traceId = traceId;
        this.startedAt = startedAt;
        this.method = method;
        this.path = path;
        this.adaptedPath = adaptedPath;
    }

    void served(ExecutionResult.Served served, int status) {
        this.status = status;
        this.attempted = served.attempted();
        this.finalAccount = served.accountId();
        this.firstByteMillis = served.firstByteMillis();
        this.usage = served.usage();
        if (served.streamError() != null) {
            error(served.streamError(), "the stream ended with " + served.streamError());
        }
        if (served.clientGone()) {
            error("client_disconnected", "the client closed the connection");
        }
    }

    void error(String code, String message) {
        this.errorCode = code;
        this.errorMessage = message;
    }

    RequestRecorder.RequestRecord toRecord(Instant end) {
        String initial = attempted.isEmpty() ? null : attempted.get(0);
        return new RequestRecorder.RequestRecord(startedAt, traceId, keyId, keyPrefix, initial, finalAccount,
                attempted, method, path, adaptedPath, clientModel, effectiveModel, reasoningEffort, status,
                errorCode, errorMessage, Duration.between(startedAt, end).toMillis(), firstByteMillis,
                usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(), usage.reasoningTokens());
    }
}
