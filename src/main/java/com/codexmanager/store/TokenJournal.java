package com.codexmanager.store;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead journal for rotated OAuth tokens in the embedded H2 file. A rotation is appended here and forced
 * to disk (one small {@code fdatasync}, about 0.2 ms) before its row is committed, instead of waiting for an H2
 * checkpoint (about 20 ms, and under a refresh burst for the one running before it as well). If the process dies
 * before H2 has written the row, {@link #replay} puts it back on the next open: a rotation the issuer granted is
 * never lost. The journal holds the tokens sealed exactly as the row does (never in clear) and the token version,
 * so replaying is idempotent and never overwrites a newer row. Entries are dropped once a checkpoint that started
 * after their commit has completed ({@link #compact}). The file is owner-only; a torn last line (a crash in the
 * middle of an append, never acknowledged) is ignored. Thread-safe.
 */
public final class TokenJournal {
    private static final Logger log = LoggerFactory.getLogger(TokenJournal.class);
    /** Zero-filled space kept ahead of the entries; about 2,000 rotations before the file must grow. */
    private static final int PREALLOCATE_BYTES = 1 << 20;
    private static final String REPLAY = "UPDATE accounts SET access_token_enc = ?, refresh_token_enc = ?,"
            + " id_token_enc = ?, token_version = ?, access_token_expires_at = ?, last_refresh_at = ?,"
            + " refresh_failures = 0, next_refresh_attempt_at = NULL, updated_at = ? WHERE id = ? AND token_version < ?";

    /** A rotation as the accounts row stores it: sealed tokens ({@code null}: keep the stored one). */
    public record Rotation(String accountId, long tokenVersion, String accessSealed, String refreshSealed,
            String idSealed, Instant expiresAt, Instant at) {
        @Override
        public String toString() {
            return "Rotation[" + accountId + " v" + tokenVersion + "]";
        }
    }

    /** Journals nothing: PostgreSQL and in-memory databases are durable (or volatile) by their own commit. */
    public static final TokenJournal DISABLED = new TokenJournal(null);

    private final Path file;
    /** Every entry still on disk, in order, by its sequence number. */
    private final Map<Long, String> lines = new LinkedHashMap<>();
    /** Entries whose transaction has ended (committed or not): a checkpoint after now makes them redundant. */
    private final Set<Long> settled = new HashSet<>();
    private final List<Rotation> recovered = new ArrayList<>();
    private FileChannel channel;
    private long sequence;
    /** Where the next entry goes; the file is zero-filled beyond it up to {@link #allocated}. */
    private long position;
    private long allocated;
    /** Bytes ever appended (across rewrites) and how many of them a completed force covers: group commit. */
    private long appended;
    private final Object syncLock = new Object();
    private long synced;
    private boolean syncing;

    private TokenJournal(Path file) {
        this.file = file;
    }

    /** Opens the journal at {@code file}, reading what a previous process left in it for {@link #replay}. */
    public static TokenJournal open(Path file) {
        TokenJournal journal = new TokenJournal(file);
        journal.load();
        return journal;
    }

    public boolean enabled() {
        return file != null;
    }

    private void load() {
        try {
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                int end = 0;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                    Rotation rotation = line.isEmpty() ? null : parse(line);
                    if (rotation != null) {
                        recovered.add(rotation);
                        lines.put(++sequence, line);
                    }
                }
            }
            // always rewritten: drops a torn tail (a crash inside an append, never acknowledged) and preallocates
            rewrite();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the token journal " + file, e);
        }
    }

    private static FileChannel openChannel(Path path, StandardOpenOption mode) throws IOException {
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        return FileChannel.open(path, StandardOpenOption.WRITE, mode);
    }

    /**
     * Writes {@code rotation} to disk and returns once it is there. Call inside the transaction that stores it,
     * before the commit, and {@link #settled} with the returned number after the transaction ends.
     *
     * @return the entry's number, or 0 when journaling is disabled
     */
    public long record(Rotation rotation) {
        if (file == null) {
            return 0;
        }
        String line = format(rotation);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        long number;
        long end;
        synchronized (this) {
            try {
                if (position + bytes.length > allocated) {
                    preallocate(channel, position, Math.max(PREALLOCATE_BYTES, bytes.length));
                    allocated = position + Math.max(PREALLOCATE_BYTES, bytes.length);
                }
                writeFully(channel, ByteBuffer.wrap(bytes), position);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the token journal " + file, e);
            }
            position += bytes.length;
            appended += bytes.length;
            end = appended;
            number = ++sequence;
            lines.put(number, line);
        }
        syncThrough(end);
        return number;
    }

    /**
     * Returns once a force that began after {@code end} bytes were appended has completed. Concurrent callers share
     * forces: whoever finds none running starts one for everything appended so far, the others wait for it.
     */
    private void syncThrough(long end) {
        long target = 0;
        synchronized (syncLock) {
            while (synced < end && syncing) {
                waitForSync();
            }
            if (synced >= end) {
                return;
            }
            syncing = true;
        }
        boolean done = false;
        try {
            FileChannel current;
            synchronized (this) {
                target = appended;
                current = channel;
            }
            // the file's size and blocks do not change (it is preallocated), so this is a data-only flush
            current.force(false);
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the token journal " + file + " to disk", e);
        } finally {
            synchronized (syncLock) {
                syncing = false;
                if (done) {
                    synced = Math.max(synced, target);
                }
                syncLock.notifyAll();
            }
        }
    }

    private void waitForSync() {
        try {
            syncLock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forcing the token journal to disk", e);
        }
    }

    /** The transaction of entry {@code number} has ended; the next completed checkpoint covers it. */
    public synchronized void settled(long number) {
        if (number > 0 && lines.containsKey(number)) {
            settled.add(number);
        }
    }

    /** Entries on disk (recovered or recorded) that no checkpoint has covered yet. */
    public synchronized int size() {
        return lines.size();
    }

    /**
     * Applies every recovered rotation whose token version is newer than the row's, in one transaction on
     * {@code connection}, and marks them settled. Returns how many rows it changed.
     */
    public int replay(Connection connection) throws SQLException {
        if (recovered.isEmpty()) {
            return 0;
        }
        int changed = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement update = connection.prepareStatement(REPLAY)) {
            for (Rotation r : recovered) {
                update.setString(1, r.accessSealed());
                update.setString(2, r.refreshSealed());
                update.setString(3, r.idSealed());
                update.setLong(4, r.tokenVersion());
                update.setTimestamp(5, r.expiresAt() == null ? null : Timestamp.from(r.expiresAt()));
                update.setTimestamp(6, Timestamp.from(r.at()));
                update.setTimestamp(7, Timestamp.from(r.at()));
                update.setString(8, r.accountId());
                update.setLong(9, r.tokenVersion());
                changed += update.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        synchronized (this) {
            settled.addAll(lines.keySet());
            recovered.clear();
        }
        if (changed > 0) {
            log.warn("Recovered {} token rotation(s) from the token journal that the database had not saved before "
                    + "the previous process stopped", changed);
        }
        return changed;
    }

    /**
     * Drops every entry settled before this call once {@code checkpoint} (which must write out everything committed
     * before it starts) has completed. Entries recorded or settled meanwhile stay. Rewrites the file atomically.
     */
    public void compact(CheckedRunnable checkpoint) throws SQLException {
        if (file == null) {
            return;
        }
        Set<Long> covered;
        synchronized (this) {
            if (settled.isEmpty()) {
                return;
            }
            covered = new HashSet<>(settled);
        }
        checkpoint.run();
        synchronized (syncLock) {
            while (syncing) {
                waitForSync();
            }
            syncing = true;
        }
        try {
            synchronized (this) {
                covered.forEach(lines::remove);
                settled.removeAll(covered);
                rewrite();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the token journal " + file, e);
        } finally {
            synchronized (syncLock) {
                syncing = false;
                syncLock.notifyAll();
            }
        }
    }

    /** Work that may fail with an {@link SQLException}. */
    @FunctionalInterface
    public interface CheckedRunnable {
        void run() throws SQLException;
    }

    /**
     * Replaces the file with the entries still needed, zero-filled beyond them, forced to disk with its directory
     * entry; everything appended so far is then durable. Call holding this object's lock, with no force running.
     */
    private void rewrite() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        StringBuilder text = new StringBuilder();
        lines.values().forEach(l -> text.append(l).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = openChannel(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(bytes), 0);
            preallocate(out, bytes.length, PREALLOCATE_BYTES);
            out.force(true);
        }
        if (channel != null) {
            channel.close();
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.toAbsolutePath().getParent());
        channel = openChannel(file, StandardOpenOption.READ);
        position = bytes.length;
        allocated = bytes.length + PREALLOCATE_BYTES;
        synchronized (syncLock) {
            synced = appended;
        }
    }

    /** Writes zeros (real blocks, not a hole or an unwritten extent) so that later appends change no metadata. */
    private static void preallocate(FileChannel out, long from, long bytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(bytes, 64 * 1024));
        long at = from;
        long end = from + bytes;
        while (at < end) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
            at += writeFully(out, zeros, at);
        }
        out.force(true);
    }

    private static int writeFully(FileChannel out, ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            total += out.write(buffer, at + total);
        }
        return total;
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every platform can open a directory (Windows); the rename is still atomic there
        }
    }

    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Closing the token journal failed: {}", e.toString());
            }
        }
    }

    private static String format(Rotation r) {
        JsonObject json = new JsonObject();
        json.addProperty("account", r.accountId());
        json.addProperty("version", r.tokenVersion());
        json.addProperty("access", r.accessSealed());
        json.addProperty("refresh", r.refreshSealed());
        json.addProperty("id", r.idSealed());
        json.addProperty("expiresAt", r.expiresAt() == null ? null : r.expiresAt().toEpochMilli());
        json.addProperty("at", r.at().toEpochMilli());
        return json.toString();
    }

    /** The rotation on {@code line}, or {@code null} for a torn or foreign line. */
    static Rotation parse(String line) {
        try {
            JsonObject json = JsonParser.parseString(line).getAsJsonObject();
            return new Rotation(json.get("account").getAsString(), json.get("version").getAsLong(),
                    json.get("access").getAsString(), text(json, "refresh"), text(json, "id"),
                    json.has("expiresAt") && !json.get("expiresAt").isJsonNull()
                            ? Instant.ofEpochMilli(json.get("expiresAt").getAsLong()) : null,
                    Instant.ofEpochMilli(json.get("at").getAsLong()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonObject json, String field) {
        return json.has(field) && !json.get(field).isJsonNull() ? json.get(field).getAsString() : null;
    }
}
