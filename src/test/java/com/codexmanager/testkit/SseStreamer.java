package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Writes a {@link StreamPlan} to the client as SSE, one flush per event (DESIGN.md: flush the buffer first,
 * then the raw output stream). Pauses watch for server shutdown and client hang-up; a hang-up, whether seen
 * during a pause or as a failed write, is counted in the {@link RequestLog}. Thread-safe; one call per request.
 */
final class SseStreamer {
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(20);

    private enum PauseOutcome { ELAPSED, CLIENT_GONE, SHUTDOWN }

    private final RequestLog log;
    private final ShutdownSignal shutdown;

    SseStreamer(RequestLog log, ShutdownSignal shutdown) {
        this.log = log;
        this.shutdown = shutdown;
    }

    void stream(Context ctx, Map<String, String> headers, StreamPlan plan) {
        log.streamOpened();
        boolean clientGone = false;
        try {
            clientGone = write(ctx, headers, plan);
        } catch (IOException e) {
            clientGone = true;
            Replies.abortConnection(ctx);
        } finally {
            log.streamClosed(clientGone);
        }
    }

    /** Returns true when the client hung up. */
    private boolean write(Context ctx, Map<String, String> headers, StreamPlan plan) throws IOException {
        if (!plan.beforeHeaders().isZero()) {
            PauseOutcome outcome = pause(ctx, plan.beforeHeaders());
            if (outcome != PauseOutcome.ELAPSED) {
                Replies.abortConnection(ctx);
                return outcome == PauseOutcome.CLIENT_GONE;
            }
        }
        ctx.status(200);
        headers.forEach(ctx::header);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/event-stream");
        ctx.res().flushBuffer();
        OutputStream out = ctx.res().getOutputStream();
        long sequence = 0;
        for (StreamStep step : plan.steps()) {
            if (step instanceof StreamStep.Emit emit) {
                out.write(frame(emit, sequence++));
                out.flush();
            } else if (step instanceof StreamStep.Pause pause) {
                PauseOutcome outcome = pause(ctx, pause.duration());
                if (outcome != PauseOutcome.ELAPSED) {
                    Replies.abortConnection(ctx);
                    return outcome == PauseOutcome.CLIENT_GONE;
                }
            } else {
                Replies.abortConnection(ctx);
                return false;
            }
        }
        return false;
    }

    private PauseOutcome pause(Context ctx, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return PauseOutcome.ELAPSED;
            }
            if (shutdown.await(Duration.ofNanos(Math.min(remaining, PROBE_INTERVAL.toNanos())))) {
                return PauseOutcome.SHUTDOWN;
            }
            if (Replies.clientHungUp(ctx)) {
                return PauseOutcome.CLIENT_GONE;
            }
        }
    }

    private static byte[] frame(StreamStep.Emit emit, long sequence) {
        JsonObject data = Json.obj("type", emit.type(), "sequence_number", sequence);
        emit.fields().entrySet().forEach(entry -> data.add(entry.getKey(), entry.getValue()));
        String text = "event: " + emit.type() + "\ndata: " + Json.write(data) + "\n\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
