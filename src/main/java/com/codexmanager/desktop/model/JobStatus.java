package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;

/**
 * Progress of a usage refresh job ({@code job/status}, also the answer of {@code account/usage/refresh} without an
 * account): {@code done} counts failures too. Immutable.
 */
public record JobStatus(String jobId, long done, long total, long failed, boolean running) {
    static JobStatus from(JsonObject r) {
        long done = Json2.number(r, "done", 0);
        long total = Json2.number(r, "total", 0);
        return new JobStatus(Json2.text(r, "jobId"), done, total, Json2.number(r, "failed", 0),
                Json2.bool(r, "running", done < total));
    }

    public boolean finished() {
        return !running;
    }
}
