package com.codexmanager.observability;

/**
 * Token counts of one request as reported by the upstream {@code usage} object. Cached tokens are part of the
 * input, reasoning tokens part of the output. Immutable.
 */
public record TokenUsage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningOutputTokens) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0 || reasoningOutputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Input plus output, as the upstream's {@code total_tokens}. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
