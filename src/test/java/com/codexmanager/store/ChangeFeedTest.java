package com.codexmanager.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.PostgresServer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Another instance's change reaches this one's listeners, whatever that instance's clock says. */
class ChangeFeedTest {
    Database database;
    ChangeFeed feed;
    final AtomicInteger cooldownChanges = new AtomicInteger();

    @BeforeEach
    void open() {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL binaries are needed");
        PostgresServer pg = PostgresServer.get();
        database = Database.openPostgres(pg.newDatabase(), pg.user(), "");
        feed = new ChangeFeed(database.sql(), true);
        feed.onChange(ChangeFeed.Table.COOLDOWNS, cooldownChanges::incrementAndGet);
        bench("acct-1", Instant.parse("2026-12-07T10:00:00Z"));
        feed.poll();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void an_update_written_with_an_older_time_than_the_newest_row_is_still_announced() {
        bench("acct-2", Instant.parse("2026-12-07T10:05:00Z"));
        feed.poll();
        assertThat(cooldownChanges).hasValue(1);

        // an instance whose clock is ten minutes behind benches acct-1 again: the newest time does not move
        bench("acct-1", Instant.parse("2026-12-07T09:55:00Z"));
        feed.poll();

        assertThat(cooldownChanges).as("changes announced").hasValue(2);
    }

    @Test
    void a_poll_without_a_change_announces_nothing_and_a_delete_is_announced() {
        feed.poll();
        assertThat(cooldownChanges).hasValue(0);

        database.sql().update("DELETE FROM gateway_cooldowns WHERE account_id = ?", "acct-1");
        feed.poll();

        assertThat(cooldownChanges).hasValue(1);
    }

    private void bench(String accountId, Instant at) {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        database.sql().upsert("gateway_cooldowns", java.util.List.of("account_id", "kind", "until_at", "offences",
                "last_offence"), 1, accountId, "RATE_LIMITED", time.plusMinutes(5), 1, time);
    }
}
