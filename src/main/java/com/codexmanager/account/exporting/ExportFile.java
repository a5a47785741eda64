package com.codexmanager.account.exporting;

/**
 * One exported file: a safe file name and its JSON text. The content holds plaintext tokens: it is secret-bearing
 * by design, so {@link #toString()} shows the name only. Immutable.
 */
public record ExportFile(String fileName, String content) {
    @Override
    public String toString() {
        return "ExportFile[" + fileName + "]";
    }
}
