package com.codexmanager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.config.DataDir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead journal of rotated tokens: what it keeps across a crash, how a torn append is survived, what a
 * checkpoint lets it drop, and the replay into the H2 file on the next open (only ever forward in token version).
 */
class TokenJournalTest {
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;

    private static TokenJournal.Rotation rotation(String account, long version) {
        return new TokenJournal.Rotation(account, version, "sealed:v1:access-" + version,
                "sealed:v1:refresh-" + version, null, AT.plusSeconds(3600), AT);
    }

    /** The entries as a new process would read them: lines up to the zero-filled space kept ahead of them. */
    private static List<TokenJournal.Rotation> entries(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, 0, dataEnd(file), StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.stream(text.split("\n")).map(TokenJournal::parse).toList();
    }

    private static int dataEnd(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return end;
    }

    @Test
    void concurrent_records_share_forces_and_all_come_back() throws Exception {
        Path file = dir.resolve("t.journal");
        TokenJournal journal = TokenJournal.open(file);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Long>> numbers = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                numbers.add(pool.submit(() -> journal.record(rotation("acc_" + n, n + 1))));
            }
            for (var number : numbers) {
                assertThat(number.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries(file)).hasSize(400).extracting(TokenJournal.Rotation::accountId).doesNotHaveDuplicates();
        assertThat(TokenJournal.open(file).size()).isEqualTo(400);
    }

    @Test
    void recorded_rotations_are_on_disk_when_record_returns_and_come_back_on_the_next_open() throws IOException {
        Path file = dir.resolve("t.journal");
        TokenJournal journal = TokenJournal.open(file);
        journal.record(rotation("acc_a", 2));
        journal.record(rotation("acc_b", 7));
        // no close: the process "dies" here

        assertThat(entries(file)).containsExactly(rotation("acc_a", 2), rotation("acc_b", 7));
        assertThat(TokenJournal.open(file).size()).isEqualTo(2);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void a_torn_last_append_is_dropped_and_the_next_entry_starts_on_its_own_line() throws IOException {
        Path file = dir.resolve("t.journal");
        TokenJournal first = TokenJournal.open(file);
        first.record(rotation("acc_a", 2));
        first.close();
        byte[] torn = "{\"account\":\"acc_b\",\"vers".getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(torn), dataEnd(file));
        }

        TokenJournal reopened = TokenJournal.open(file);
        reopened.record(rotation("acc_c", 4));

        assertThat(entries(file)).containsExactly(rotation("acc_a", 2), rotation("acc_c", 4));
    }

    @Test
    void a_checkpoint_drops_only_what_was_settled_before_it_began() throws Exception {
        Path file = dir.resolve("t.journal");
        TokenJournal journal = TokenJournal.open(file);
        long settledEarly = journal.record(rotation("acc_a", 2));
        long stillOpen = journal.record(rotation("acc_b", 3));
        journal.settled(settledEarly);
        AtomicLong duringCheckpoint = new AtomicLong();

        journal.compact(() -> {
            // a rotation recorded and settled while the checkpoint runs is not covered by it
            duringCheckpoint.set(journal.record(rotation("acc_c", 5)));
            journal.settled(duringCheckpoint.get());
            journal.settled(stillOpen);
        });

        assertThat(entries(file)).containsExactly(rotation("acc_b", 3), rotation("acc_c", 5));
        journal.compact(() -> {
        });
        assertThat(entries(file)).isEmpty();
        assertThat(journal.size()).isZero();
    }

    @Test
    void a_failed_checkpoint_drops_nothing() throws IOException {
        Path file = dir.resolve("t.journal");
        TokenJournal journal = TokenJournal.open(file);
        journal.settled(journal.record(rotation("acc_a", 2)));

        assertThatThrownBy(() -> journal.compact(() -> {
            throw new SQLException("disk full");
        })).isInstanceOf(SQLException.class);

        assertThat(entries(file)).hasSize(1);
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void opening_the_database_replays_newer_rotations_only_and_then_empties_the_journal() throws Exception {
        DataDir dataDir = new DataDir(dir, dir.resolve("codexmanager.mv.db"));
        try (Database database = Database.open(dataDir)) {
            for (String id : List.of("acc_a", "acc_b")) {
                database.sql().update("INSERT INTO accounts (id, identity_key, label, tags, sort, status,"
                        + " access_token_enc, refresh_token_enc, token_version, refresh_failures, created_at,"
                        + " updated_at) VALUES (?, ?, ?, '[]', 1, 'active', 'sealed:v1:access-5',"
                        + " 'sealed:v1:refresh-5', 5, 2, ?, ?)", id, "identity-" + id, id, AT, AT);
            }
        }
        // what a process killed after forcing its journal but before H2 wrote the rows leaves behind
        TokenJournal crashed = TokenJournal.open(dataDir.tokenJournalFile());
        crashed.record(rotation("acc_a", 6));
        crashed.record(rotation("acc_b", 4));
        crashed.record(rotation("acc_gone", 9));

        try (Database database = Database.open(dataDir)) {
            assertThat(database.sql().query("SELECT id, refresh_token_enc, token_version, refresh_failures"
                    + " FROM accounts ORDER BY id", rs -> rs.getString(1) + " " + rs.getString(2) + " v"
                    + rs.getLong(3) + " failures=" + rs.getInt(4)))
                    .containsExactly("acc_a sealed:v1:refresh-6 v6 failures=0",
                            "acc_b sealed:v1:refresh-5 v5 failures=2");
            assertThat(entries(dataDir.tokenJournalFile())).isEmpty();
        }
    }
}
