package com.codexmanager.testkit;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The non-2xx replies of {@code /responses} (codex-protocol.md §2.8, §9.2 items 9–14). Thread-safe.
 * Bodies for 500/502/504 are our guess (HTML for the edge errors, without the word "Cloudflare").
 */
final class ErrorReplies {
    private final AtomicLong rays = new AtomicLong();
    private final Clock clock;

    ErrorReplies(Clock clock) {
        this.clock = clock;
    }

    void write(Scenario scenario, Context ctx, FakeAccount account, QuotaSnapshot quota) {
        switch (scenario) {
            case DROP_BEFORE_RESPONSE -> Replies.abortConnection(ctx);
            case USAGE_LIMIT -> usageLimit(ctx, account, quota.withPrimaryExhausted());
            case RATE_LIMITED -> {
                ctx.header("retry-after", "2");
                Replies.json(ctx, 429, Json.obj("error", Json.obj("message",
                        "Rate limit reached for requests. Please try again in 2s.", "type", "rate_limit_error",
                        "param", null, "code", "rate_limit_exceeded")));
            }
            case OVERLOADED -> Replies.nestedError(ctx, 503, "server_is_overloaded", SseScenarios.OVERLOADED_MESSAGE);
            case INTERNAL_SERVER_ERROR -> Replies.json(ctx, 500, Json.obj("error", Json.obj("message",
                    "The server had an error while processing your request. Sorry about that!",
                    "type", "server_error", "param", null, "code", null)));
            case BAD_GATEWAY -> edge(ctx, 502, "502 Bad Gateway");
            case GATEWAY_TIMEOUT -> edge(ctx, 504, "504 Gateway Time-out");
            case CLOUDFLARE_BLOCK -> cloudflareBlock(ctx);
            case CLOUDFLARE_CHALLENGE -> cloudflareChallenge(ctx);
            case UNAUTHORIZED -> BackendAuth.unauthorized(ctx);
            case TOKEN_EXPIRED -> BackendAuth.tokenExpired(ctx);
            default -> throw new IllegalArgumentException("not an HTTP error scenario: " + scenario);
        }
    }

    /** 429 {@code usage_limit_reached}, timed by the binding window of {@code quota}. */
    void usageLimit(Context ctx, FakeAccount account, QuotaSnapshot quota) {
        RateLimitHeaders.of(quota, account.planType()).forEach(ctx::header);
        long now = clock.instant().getEpochSecond();
        QuotaWindow binding = quota.bindingWindow().orElseGet(() -> new QuotaWindow(QuotaWindow.FIVE_HOURS_SECONDS,
                100, now + QuotaWindow.FIVE_HOURS_SECONDS, QuotaWindow.FIVE_HOURS_SECONDS));
        Replies.json(ctx, 429, Json.obj("error", Json.obj(
                "type", "usage_limit_reached",
                "message", "The usage limit has been reached",
                "plan_type", account.planType(),
                "resets_at", binding.resetAtEpochSecond(),
                "eligible_promo", null,
                "resets_in_seconds", binding.resetAfterSeconds())));
    }

    private void edge(Context ctx, int status, String title) {
        ctx.header("cf-ray", nextRay());
        Replies.html(ctx, status, "<html><head><title>" + title + "</title></head><body><center><h1>" + title
                + "</h1></center></body></html>");
    }

    private void cloudflareBlock(Context ctx) {
        String ray = nextRay();
        ctx.header("cf-ray", ray);
        ctx.header("server", "cloudflare");
        Replies.html(ctx, 403, "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>"
                + "<body><h1>Sorry, you have been blocked</h1><h2>You are unable to access chatgpt.com</h2>"
                + "<p>Cloudflare Ray ID: " + ray + "</p></body></html>");
    }

    private void cloudflareChallenge(Context ctx) {
        ctx.header("cf-ray", nextRay());
        ctx.header("cf-mitigated", "challenge");
        ctx.header("server", "cloudflare");
        Replies.html(ctx, 403, "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                + "<noscript>Enable JavaScript and cookies to continue</noscript>"
                + "<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=fake\"></script>"
                + "</body></html>");
    }

    private String nextRay() {
        return String.format("%016x-FAKE", 0x8f00000000000000L + rays.incrementAndGet());
    }
}
