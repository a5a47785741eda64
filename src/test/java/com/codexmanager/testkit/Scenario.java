package com.codexmanager.testkit;

import java.util.Locale;
import java.util.Optional;

/**
 * What the fake does with one {@code POST /backend-api/codex/responses} call (codex-protocol.md §9.2).
 *
 * <p>Pick a scenario from Java with {@link FakeAccount#enqueue}, {@link FakeUpstream#enqueue} or
 * {@link FakeAccount#respondAlwaysWith}, or put the {@link #magicWord()} into the last user message, as in
 * {@code "[[scenario:function_call]]"}. A queued scenario wins over a magic word; a magic word applies to every
 * request that carries it, so a client's retry of the same prompt meets the same fault (use the Java queue
 * for one-shot faults). Timings of the stall scenarios come from {@link FakeUpstreamOptions}.
 * Unless a scenario says otherwise, stream scenarios answer 200 and count against the account's quota; HTTP
 * error scenarios answer before any SSE byte and do not.
 */
public enum Scenario {
    /** Text answer; a reasoning item comes first when the request carries a {@code reasoning} object. */
    TEXT(Kind.STREAM),
    /** Text answer, never a reasoning item. */
    TEXT_WITHOUT_REASONING(Kind.STREAM),
    /** Reasoning item (summary deltas, {@code encrypted_content}) then the text answer. */
    TEXT_WITH_REASONING(Kind.STREAM),
    /** One {@code function_call} item, named after the first function tool of the request. */
    FUNCTION_CALL(Kind.STREAM),
    /** Two {@code function_call} items in one response. */
    PARALLEL_FUNCTION_CALLS(Kind.STREAM),
    /** One freeform {@code custom_tool_call} item with an {@code input} string. */
    CUSTOM_TOOL_CALL(Kind.STREAM),
    /** A normal text stream whose {@code response.completed} carries {@code "output":[]}. */
    EMPTY_COMPLETED_OUTPUT(Kind.STREAM),
    /** Partial text, then {@code response.incomplete} with reason {@code max_output_tokens}. */
    INCOMPLETE_MAX_OUTPUT_TOKENS(Kind.STREAM),
    /** Partial text, then {@code response.incomplete} with reason {@code content_filter}. */
    INCOMPLETE_CONTENT_FILTER(Kind.STREAM),
    FAILED_CONTEXT_LENGTH_EXCEEDED(Kind.STREAM),
    FAILED_INSUFFICIENT_QUOTA(Kind.STREAM),
    FAILED_USAGE_NOT_INCLUDED(Kind.STREAM),
    FAILED_INVALID_PROMPT(Kind.STREAM),
    FAILED_SERVER_IS_OVERLOADED(Kind.STREAM),
    /** {@code response.failed} with code {@code server_error} ("An error occurred while processing your request"). */
    FAILED_SERVER_ERROR(Kind.STREAM),
    /** {@code response.failed} with code {@code rate_limit_exceeded} and "Please try again in 1.5s". */
    FAILED_RATE_LIMIT_EXCEEDED(Kind.STREAM),
    /** In-stream {@code {"type":"error"}} (server_is_overloaded) right after {@code response.created}. */
    ERROR_BEFORE_OUTPUT(Kind.STREAM),
    /** The same in-stream error after some text deltas. */
    ERROR_AFTER_OUTPUT(Kind.STREAM),
    /** In-stream error "Selected model is at capacity. Please try a different model." before any output. */
    MODEL_AT_CAPACITY(Kind.STREAM),
    /** Headers and some text deltas, then the socket is closed without a terminal event or final chunk. */
    DROP_MID_STREAM(Kind.STREAM),
    /** No bytes at all for the stall duration, then a normal text stream. */
    SLOW_FIRST_BYTE(Kind.STREAM),
    /** Headers are flushed, then no body bytes for the stall duration, then a normal text stream. */
    STALL_AFTER_HEADERS(Kind.STREAM),
    /** Some text deltas, then no bytes for the stall duration, then the rest of the stream. */
    STALL_MID_STREAM(Kind.STREAM),
    /** A normal text stream with the drip interval between events. */
    SLOW_DRIP(Kind.STREAM),
    /** The socket is closed before any response byte. */
    DROP_BEFORE_RESPONSE(Kind.HTTP),
    /** 429 {@code usage_limit_reached} with the §2.8 body and headers (primary window shown at 100 %). */
    USAGE_LIMIT(Kind.HTTP),
    /** 429 generic rate limit with a {@code retry-after} header. */
    RATE_LIMITED(Kind.HTTP),
    /** 503 {@code server_is_overloaded}. */
    OVERLOADED(Kind.HTTP),
    INTERNAL_SERVER_ERROR(Kind.HTTP),
    BAD_GATEWAY(Kind.HTTP),
    GATEWAY_TIMEOUT(Kind.HTTP),
    /** 403 Cloudflare block page ({@code text/html}, {@code cf-ray}). */
    CLOUDFLARE_BLOCK(Kind.HTTP),
    /** 403 Cloudflare challenge ({@code cf-mitigated: challenge}, a {@code challenge-platform} body). */
    CLOUDFLARE_CHALLENGE(Kind.HTTP),
    /** One 401 {@code {"detail":"Unauthorized"}}, whatever the token. */
    UNAUTHORIZED(Kind.HTTP),
    /** One 401 with the {@code token_expired} body and {@code x-error-json}, whatever the token. */
    TOKEN_EXPIRED(Kind.HTTP);

    enum Kind { STREAM, HTTP }

    private final Kind kind;

    Scenario(Kind kind) {
        this.kind = kind;
    }

    /** The word to use in {@code [[scenario:<word>]]}: the constant name in lower case. */
    public String magicWord() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code [[scenario:<word>]]}, ready to paste into a prompt. */
    public String marker() {
        return "[[scenario:" + magicWord() + "]]";
    }

    boolean streams() {
        return kind == Kind.STREAM;
    }

    /** The scenario for a magic word; case and {@code -}/{@code _} do not matter. */
    public static Optional<Scenario> fromMagicWord(String word) {
        String normalised = word.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Scenario scenario : values()) {
            if (scenario.name().equals(normalised)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }
}
