package com.codexmanager.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An OS file lock that says which process owns a database, so that a second process gets
 * "already in use by PID … (service …)" instead of H2's bare file-lock error. Released on {@link #close()};
 * the OS releases it if the process dies. Not thread-safe; owned by the service.
 */
public final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock at {@code file} and records {@code owner} (e.g. the service address) in it.
     *
     * @throws DataDirInUseException when another process or another service in this JVM holds it
     */
    public static InstanceLock acquire(Path file, String owner) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false);
            if (lock == null) {
                channel.close();
                throw inUse(file);
            }
            String text = "pid=" + ProcessHandle.current().pid() + "\nowner=" + owner + "\nsince="
                    + Instant.now() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            com.codexmanager.config.DataDir.restrictToOwner(file);
            return new InstanceLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(file);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static DataDirInUseException inUse(Path file) {
        String pid = "another process";
        String owner = "";
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("pid=")) {
                    pid = "PID " + line.substring(4);
                } else if (line.startsWith("owner=")) {
                    owner = line.substring(6);
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // The lock file is informational; the lock itself is what protects the database.
        }
        String who = owner.isBlank() ? pid : pid + " (" + owner + ")";
        return new DataDirInUseException("the database next to " + file.getFileName() + " in " + file.getParent()
                + " is already in use by " + who + "; stop it first or set CODEXMANAGER_DB_PATH to another file");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release instance lock", e);
        }
    }
}
