package com.codexmanager.account.exporting;

import java.util.List;

/**
 * The outcome of {@code account/export}: the files (with plaintext tokens: this result is secret-bearing by design),
 * the folder they were written to when one was asked for, and the accounts left out. Immutable.
 */
public record ExportResult(String format, int totalAccounts, int exported, int skippedMissingToken,
        List<Skipped> skipped, List<ExportFile> files, String outputDir) {
    /** An account left out and why. */
    public record Skipped(String accountId, String reason) {
    }

    public ExportResult {
        skipped = List.copyOf(skipped);
        files = List.copyOf(files);
    }

    @Override
    public String toString() {
        return "ExportResult[format=" + format + ", exported=" + exported + ", files=" + files.size() + "]";
    }
}
