package com.codexmanager.testkit;

import java.time.Duration;
import java.util.List;

/**
 * A whole scripted SSE reply. Immutable.
 *
 * @param beforeHeaders silence before the status line is sent; zero for none
 */
record StreamPlan(Duration beforeHeaders, List<StreamStep> steps) {
    StreamPlan {
        steps = List.copyOf(steps);
    }

    static StreamPlan of(List<StreamStep> steps) {
        return new StreamPlan(Duration.ZERO, steps);
    }
}
