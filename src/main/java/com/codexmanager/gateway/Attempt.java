package com.codexmanager.gateway;

import com.codexmanager.gateway.upstream.Outcome;
import java.util.Map;

/** How one upstream attempt on one account ended. Immutable values. */
sealed interface Attempt permits Attempt.Failed, Attempt.Relayed {
    /**
     * Nothing reached the client; the outcome says whether another account may try.
     *
     * @param rateLimitHeaders the {@code x-codex-*} headers of the upstream's error reply, names lower-cased; empty
     *                         when it sent none or the attempt failed otherwise
     */
    record Failed(Outcome outcome, Map<String, String> rateLimitHeaders) implements Attempt {
        public Failed {
            rateLimitHeaders = Map.copyOf(rateLimitHeaders);
        }

        public Failed(Outcome outcome) {
            this(outcome, Map.of());
        }
    }

    /**
     * The client stream was begun and ended: completed, ended by a terminal error ({@code streamError}, the code
     * the client received), or left by the client ({@code clientGone}).
     *
     * @param upstreamModel the model the upstream named in its terminal event, or {@code null}
     */
    record Relayed(ExecutionResult.Usage usage, long firstByteMillis, String streamError, boolean clientGone,
            String upstreamModel) implements Attempt {
        static Relayed clientLeft(long firstByteMillis) {
            return new Relayed(ExecutionResult.Usage.NONE, firstByteMillis, null, true, null);
        }

        boolean clean() {
            return streamError == null && !clientGone;
        }
    }
}
