package com.codexmanager.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code codexmanager account import PATH...}: every file given, and the {@code .json} files under every folder
 * given (sorted), each sent as one {@code account/import} content, so a failure is reported with its file. A
 * terminal sees a progress line. Exit code 1 when any account failed.
 */
@Command(name = "import", description = {"Import accounts from auth.json files, CodexManager/CLIProxyAPI/sub2api "
        + "exports or lines of tokens.", "Folders are searched for .json files."})
public final class AccountImportCommand implements Callable<Integer> {
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to import.")
    List<Path> paths;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public AccountImportCommand(CliContext context) {
        this.context = context;
    }

    /** A file to import and how it is shown. */
    private record Source(Path file, String shown) {
    }

    private static final class Totals {
        int files;
        long total;
        long created;
        long updated;
        long failed;
        long skipped;
        final JsonArray errors = new JsonArray();

        void error(String file, String message) {
            JsonObject error = new JsonObject();
            error.addProperty("file", file);
            error.addProperty("message", message);
            errors.add(error);
        }
    }

    @Override
    public Integer call() {
        List<Source> sources = collect(paths);
        RpcConnection rpc = connection.connect(context);
        Totals totals = new Totals();
        for (Source source : sources) {
            progress(totals.files, sources.size(), source.shown());
            importOne(rpc, source, totals);
            totals.files++;
        }
        progressDone(sources.size());
        if (connection.json) {
            JsonObject out = new JsonObject();
            out.addProperty("files", totals.files);
            out.addProperty("total", totals.total);
            out.addProperty("created", totals.created);
            out.addProperty("updated", totals.updated);
            out.addProperty("failed", totals.failed);
            out.addProperty("skipped", totals.skipped);
            out.add("errors", totals.errors);
            connection.printJson(context, out);
        } else {
            context.out().printf(Locale.ROOT, "Imported %d file%s: %d created, %d updated, %d failed%s%n",
                    totals.files, totals.files == 1 ? "" : "s", totals.created, totals.updated, totals.failed,
                    totals.skipped > 0 ? ", " + totals.skipped + " skipped (other platforms)" : "");
            for (JsonElement e : totals.errors) {
                JsonObject error = e.getAsJsonObject();
                context.out().println("  failed: " + error.get("file").getAsString() + ": "
                        + error.get("message").getAsString());
            }
            context.out().flush();
        }
        return totals.failed == 0 ? 0 : CliFailure.FAILED;
    }

    private void importOne(RpcConnection rpc, Source source, Totals totals) {
        String content;
        try {
            if (Files.size(source.file()) > MAX_FILE_BYTES) {
                totals.failed++;
                totals.error(source.shown(), "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; split it");
                return;
            }
            content = Files.readString(source.file(), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            totals.failed++;
            totals.error(source.shown(), "cannot read it (" + e.getMessage() + ")");
            return;
        }
        JsonObject params = new JsonObject();
        JsonArray contents = new JsonArray();
        contents.add(content);
        params.add("contents", contents);
        try {
            JsonObject result = rpc.call("account/import", params, IMPORT_TIMEOUT);
            totals.total += Fields.number(result, "total");
            totals.created += Fields.number(result, "created");
            totals.updated += Fields.number(result, "updated");
            totals.failed += Fields.number(result, "failed");
            totals.skipped += Fields.number(result, "skipped");
            for (JsonElement e : result.getAsJsonArray("errors")) {
                JsonObject error = e.getAsJsonObject();
                long index = Fields.number(error, "index");
                totals.error(source.shown() + (index > 0 ? " (entry " + (index + 1) + ")" : ""),
                        Fields.text(error, "message", "failed"));
            }
        } catch (RpcConnection.ServiceError e) {
            totals.failed++;
            totals.error(source.shown(), e.getMessage());
        }
    }

    /** The files to import, in the order given (folders: their .json files, sorted). */
    static List<Source> collect(List<Path> paths) {
        List<Source> out = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                            .sorted().forEach(f -> out.add(new Source(f, f.toString())));
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new CliFailure(CliFailure.FAILED, "cannot list " + path + " (" + e.getMessage() + ")");
                }
            } else if (Files.isRegularFile(path)) {
                out.add(new Source(path, path.toString()));
            } else {
                throw new CliFailure(CliFailure.USAGE, path + ": no such file or folder");
            }
        }
        if (out.isEmpty()) {
            throw new CliFailure(CliFailure.USAGE, "no .json files in " + paths);
        }
        return out;
    }

    private void progress(int done, int total, String current) {
        if (context.terminal() && !connection.json && total > 1) {
            String line = String.format(Locale.ROOT, "Importing %d/%d %s", done + 1, total, current);
            context.err().print("\r" + (line.length() > 78 ? line.substring(0, 77) + "…" : line) + "\u001b[K");
            context.err().flush();
        }
    }

    private void progressDone(int total) {
        if (context.terminal() && !connection.json && total > 1) {
            context.err().print("\r\u001b[K");
            context.err().flush();
        }
    }
}
