package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@code account/import} for one batch (snake_case or camelCase keys accepted). Immutable.
 *
 * @param errors one line per failed item: its index within the batch and the service's message
 */
public record ImportResult(long total, long created, long updated, long failed, List<ItemError> errors) {
    /** One item the service refused. Immutable. */
    public record ItemError(int index, String message) {
    }

    public ImportResult {
        errors = List.copyOf(errors);
    }

    public static final ImportResult NONE = new ImportResult(0, 0, 0, 0, List.of());

    static ImportResult from(JsonObject r) {
        List<ItemError> errors = new ArrayList<>();
        for (JsonObject e : Json2.objects(r, "errors")) {
            errors.add(new ItemError((int) Json2.number(e, "index", -1), Json2.text(e, "message", "error")));
        }
        return new ImportResult(Json2.number(r, "total", 0), Json2.number(r, "created", 0),
                Json2.number(r, "updated", 0), Json2.number(r, "failed", errors.size()), errors);
    }

    /** Adds another batch's counts; its error indexes are shifted by {@code offset}. */
    public ImportResult plus(ImportResult batch, int offset) {
        List<ItemError> all = new ArrayList<>(errors);
        batch.errors.forEach(e -> all.add(new ItemError(e.index() + offset, e.message())));
        return new ImportResult(total + batch.total, created + batch.created, updated + batch.updated,
                failed + batch.failed, all);
    }
}
