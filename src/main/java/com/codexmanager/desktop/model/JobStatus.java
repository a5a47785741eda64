package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;

/** Progress of a background job ({@code job/status}). Immutable. */
public record JobStatus(String state, long done, long total, long failed, String message) {
    static JobStatus from(JsonObject r) {
        return new JobStatus(Json2.text(r, "state", "status"), Json2.number(r, "done", Json2.number(r, "processed", 0)),
                Json2.number(r, "total", 0), Json2.number(r, "failed", 0), Json2.text(r, "message"));
    }

    public boolean finished() {
        return switch (state) {
            case "done", "completed", "succeeded", "failed", "cancelled", "finished" -> true;
            default -> false;
        };
    }
}
