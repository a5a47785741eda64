package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import java.time.Duration;

/** One step of a scripted SSE body. Immutable. */
sealed interface StreamStep {
    /** Writes {@code event: type} and {@code data: {"type":…,"sequence_number":n,…fields}}, then flushes. */
    record Emit(String type, JsonObject fields) implements StreamStep {
    }

    /** Writes nothing for a while; ends early when the fake shuts down or the client hangs up. */
    record Pause(Duration duration) implements StreamStep {
    }

    /** Closes the socket with no terminal event and no final chunk. */
    record Drop() implements StreamStep {
    }
}
