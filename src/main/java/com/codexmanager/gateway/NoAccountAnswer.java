package com.codexmanager.gateway;

import com.codexmanager.gateway.routing.SkipReason;
import com.codexmanager.gateway.routing.Selection;
import com.codexmanager.gateway.upstream.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The answer when no account served a request: 429 when the pool's quota is spent (Retry-After = the earliest
 * reset), 503 when accounts are cooling down or failing, 502 for upstream errors — each with a message that says
 * which and until when. Stateless.
 */
final class NoAccountAnswer {
    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("://[^\\s/]*@");

    private NoAccountAnswer() {
    }

    static ExecutionResult.Refused refusal(Outcome last, Selection selection, List<String> attempted,
            String lastAccount, Instant now) {
        return refusal(last, selection, attempted, lastAccount, now, null);
    }

    /** @param model the requested upstream model, named when no account's plan offers it; nullable */
    static ExecutionResult.Refused refusal(Outcome last, Selection selection, List<String> attempted,
            String lastAccount, Instant now, String model) {
        Instant earliestReset = earliest(selection, SkipReason.EXHAUSTED);
        Instant earliestCooldown = earliest(selection, SkipReason.COOLDOWN);
        if (last instanceof Outcome.UsageLimit limit) {
            earliestReset = min(earliestReset, limit.resetsAt());
        }
        if (attempted.isEmpty() && selection.skips().isEmpty()) {
            return new ExecutionResult.Refused(503, "no_account_available",
                    "no account can serve this request: add an account or enable one", null, null, attempted, null);
        }
        if (attempted.isEmpty() && !selection.skips().isEmpty() && selection.skips().stream()
                .allMatch(skip -> skip.reason() == SkipReason.MODEL_NOT_OFFERED)) {
            return new ExecutionResult.Refused(404, "model_not_found", "no account of the pool offers the model "
                    + model + " (their plans' catalogues do not list it); GET /v1/models lists what they offer",
                    null, null, attempted, null);
        }
        boolean allExhausted = last == null || last instanceof Outcome.UsageLimit;
        if (allExhausted && earliestReset != null && earliestCooldown == null) {
            return new ExecutionResult.Refused(429, "usage_limit_reached",
                    "every account has reached its usage limit; the first resets at " + earliestReset,
                    retryAfter(now, earliestReset), null, attempted, lastAccount);
        }
        if (last == null && earliestCooldown != null) {
            return new ExecutionResult.Refused(503, "accounts_cooling_down",
                    "every account is cooling down after errors; the first is back at " + earliestCooldown,
                    retryAfter(now, earliestCooldown), null, attempted, lastAccount);
        }
        if (last == null) {
            return new ExecutionResult.Refused(503, "no_account_available",
                    "no account can serve this request (disabled, needs login, not in the key's group, or its plan "
                            + "does not offer " + model + ")", null,
                    null, attempted, lastAccount);
        }
        if (last instanceof Outcome.ModelNotSupported refused) {
            // every account tried lacks the model: the upstream's own answer, as when nothing is skipped
            return new ExecutionResult.Refused(400, refused.code(), refused.message(), null, refused.rawBody(),
                    attempted, lastAccount);
        }
        int status = 503;
        if (last instanceof Outcome.UsageLimit || last instanceof Outcome.RateLimited) {
            status = 429;
        } else if (last instanceof Outcome.Network || last instanceof Outcome.ServerError) {
            status = 502;
        }
        Instant next = min(earliestCooldown, earliestReset);
        return new ExecutionResult.Refused(status, last.code(), "all " + attempted.size()
                + " attempted account(s) failed; last error: " + last.code() + networkDetail(last),
                next == null ? null : retryAfter(now, next), null, attempted, lastAccount);
    }

    /** A network failure says what failed (say, an unreachable upstream proxy): the code alone does not help. */
    private static String networkDetail(Outcome last) {
        if (!(last instanceof Outcome.Network network) || network.message() == null) {
            return "";
        }
        // the answer goes to API clients: no user info of a proxy URL, not even the user name
        String detail = USER_INFO.matcher(network.message()).replaceAll("://");
        return " (" + (detail.length() > 300 ? detail.substring(0, 300) + "…" : detail) + ")";
    }

    private static Instant earliest(Selection selection, SkipReason reason) {
        Instant best = null;
        for (Selection.Skip skip : selection.skips()) {
            if (skip.reason() == reason && skip.until() != null) {
                best = min(best, skip.until());
            }
        }
        return best;
    }

    private static Instant min(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Duration retryAfter(Instant now, Instant at) {
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
