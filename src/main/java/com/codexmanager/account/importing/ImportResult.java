package com.codexmanager.account.importing;

import java.util.List;

/**
 * The outcome of {@code account/import}. {@code total = created + updated + failed}; {@code skipped} counts
 * entries for other platforms in sub2api exports. {@code errors} lists at most {@value AccountImporter#MAX_ERRORS}
 * failures (by item index); {@code errorsTruncated} says when more failed. Immutable.
 */
public record ImportResult(int total, int created, int updated, int failed, int skipped, List<Error> errors,
        boolean errorsTruncated, List<String> accountIds) {
    /** Why item {@code index} (0-based, across all contents) was not imported. */
    public record Error(int index, String message) {
    }

    public ImportResult {
        errors = List.copyOf(errors);
        accountIds = List.copyOf(accountIds);
    }
}
