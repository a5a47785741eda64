package com.codexmanager.desktop.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what the user chose to import: files, folders (their {@code .json} files) or pasted text. Stateless. */
public final class ImportSources {
    private ImportSources() {
    }

    /** One item to import and where it came from (shown next to its error). Immutable. */
    public record Item(String origin, String content) {
        @Override
        public String toString() {
            return "Item[" + origin + "]";
        }
    }

    /** Reads files and the {@code .json} files under folders, in a stable order. Call off the EDT. */
    public static List<Item> read(List<Path> chosen) {
        List<Item> items = new ArrayList<>();
        for (Path path : chosen) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path f : files.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                                    .endsWith(".json")).sorted().toList()) {
                        items.add(new Item(path.relativize(f).toString(), readText(f)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else {
                items.add(new Item(path.getFileName().toString(), readText(path)));
            }
        }
        return items;
    }

    /** Pasted text is one item (the service splits JSON arrays and lines itself). */
    public static List<Item> pasted(String text, String origin) {
        return text.isBlank() ? List.of() : List.of(new Item(origin, text));
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
    }
}
