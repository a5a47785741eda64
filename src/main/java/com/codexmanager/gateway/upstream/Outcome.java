package com.codexmanager.gateway.upstream;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one upstream attempt ended, classified from structured fields (status, content type, JSON error
 * type/code), never from loose text matching. Immutable values.
 */
public sealed interface Outcome {
    /** Whether the gateway should try the next account (nothing has reached the client yet). */
    boolean failover();

    /** A short stable code for logs and traces. */
    String code();

    /** The account's 5 h or weekly quota is spent ({@code usage_limit_reached}) until {@code resetsAt}. */
    record UsageLimit(Instant resetsAt, String planType) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return "usage_limit_reached";
        }
    }

    /** A short burst limit (429 without usage_limit_reached, or rate_limit_exceeded). */
    record RateLimited(Optional<Duration> retryAfter) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return "rate_limited";
        }
    }

    /** 401: the access token was rejected. */
    record Unauthorized(String detail) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return "unauthorized";
        }
    }

    /** An HTML page (Cloudflare block or challenge) instead of an API answer. */
    record Challenge(int status) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return "challenge";
        }
    }

    /** 503 / {@code server_is_overloaded} / {@code slow_down}. */
    record Overloaded(String message) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return "server_overloaded";
        }
    }

    /** Other 5xx. */
    record ServerError(int status, String message) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return "upstream_" + status;
        }
    }

    /** 402/403 without a challenge page: this account may not serve (plan, workspace, deactivated). */
    record Forbidden(int status, String errorCode, String message) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return errorCode.isEmpty() ? "forbidden" : errorCode;
        }
    }

    /**
     * 400 "The '…' model is not supported …" before any output: the account's plan does not offer {@code model} (the
     * catalogue the gateway resolved against was stale or unknown). Not the request's fault: an account of another
     * plan, or another model of the alias, may serve it; the account itself is fine (no cooldown).
     *
     * @param rawBody the upstream's error body, passed to the client when nothing else serves
     */
    record ModelNotSupported(String model, String message, String rawBody) implements Outcome {
        public static final String CODE = "model_not_supported";

        public boolean failover() {
            return true;
        }

        public String code() {
            return CODE;
        }
    }

    /** Connect failure, reset, timeout before the first byte. */
    record Network(String message) implements Outcome {
        public boolean failover() {
            return true;
        }

        public String code() {
            return "network_error";
        }
    }

    /**
     * The backend ended the upstream WebSocket at its connection limit ({@code websocket_connection_limit_reached},
     * codex-protocol.md §2.9) before serving the turn: not the account's fault and not the request's, so the turn
     * goes again on a fresh socket of the same account; no cooldown.
     */
    record SocketExpired() implements Outcome {
        public static final String CODE = "websocket_connection_limit_reached";

        public boolean failover() {
            return true;
        }

        public String code() {
            return CODE;
        }
    }

    /** The service is shutting down: the attempt was ended before any output; no other account is tried. */
    record ServiceStopping() implements Outcome {
        public boolean failover() {
            return false;
        }

        public String code() {
            return "service_stopping";
        }
    }

    /**
     * The request itself is wrong (400 invalid request, context too long, unsupported parameter): another account
     * would answer the same, so it goes back to the client as is.
     */
    record RequestRejected(int status, String errorCode, String message, String rawBody) implements Outcome {
        public boolean failover() {
            return false;
        }

        public String code() {
            return errorCode.isEmpty() ? "invalid_request" : errorCode;
        }
    }
}
