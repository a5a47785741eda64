package com.codexmanager.observability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds the lines of one request in {@code gateway-trace.log} and its rotated files: the current file first, then
 * {@code .1} up to {@code .N}, stopping once {@code limit} lines are found. Returns them oldest first; when more
 * matched, the newest {@code limit} are kept. Reads concurrently with the writer: each file is read up to its last
 * newline as it was when opened. Stateless apart from the paths; thread-safe.
 */
final class TraceReader {
    private final Path file;
    private final int rotatedFiles;

    TraceReader(Path file, int rotatedFiles) {
        this.file = file;
        this.rotatedFiles = rotatedFiles;
    }

    /** The found events and whether older ones were left out. */
    record Found(List<TraceLineParser.TraceEntry> events, boolean truncated) {
    }

    Found read(String traceId, int limit) {
        String needle = " trace=" + traceId + " ";
        Deque<List<TraceLineParser.TraceEntry>> perFile = new ArrayDeque<>();
        int found = 0;
        boolean truncated = false;
        for (int index = 0; index <= rotatedFiles && found < limit; index++) {
            Path path = index == 0 ? file : file.resolveSibling(file.getFileName() + "." + index);
            Deque<TraceLineParser.TraceEntry> matches = new ArrayDeque<>();
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                    BufferedReader in = reader(channel)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.contains(needle)) {
                        continue;
                    }
                    var entry = TraceLineParser.parse(line);
                    if (entry.isEmpty() || !entry.get().traceId().equals(traceId)) {
                        continue;
                    }
                    matches.addLast(entry.get());
                    if (matches.size() > limit - found) {
                        matches.removeFirst();
                        truncated = true;
                    }
                }
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            found += matches.size();
            perFile.addFirst(new ArrayList<>(matches));
        }
        List<TraceLineParser.TraceEntry> out = new ArrayList<>(found);
        perFile.forEach(out::addAll);
        // At the limit the older files were not read, so older lines may exist.
        return new Found(out, truncated || found >= limit);
    }

    /**
     * Reads the file as it is now up to its last newline: lines appended meanwhile, and a last line the writer has
     * not finished, are left out.
     */
    private static BufferedReader reader(FileChannel channel) throws IOException {
        long end = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            if (channel.read(one, end - 1) == 1 && one.get(0) == '\n') {
                break;
            }
            end--;
        }
        long limit = end;
        InputStream bounded = new FilterInputStream(Channels.newInputStream(channel.position(0))) {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                left -= b >= 0 ? 1 : 0;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buffer, offset, (int) Math.min(length, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(bounded, decoder));
    }
}
