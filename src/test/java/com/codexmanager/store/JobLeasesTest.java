package com.codexmanager.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.PostgresServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Background jobs run on one instance at a time and move when their holder goes away. */
class JobLeasesTest {
    Database database;

    @BeforeEach
    void open() {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL binaries are needed");
        PostgresServer pg = PostgresServer.get();
        database = Database.openPostgres(pg.newDatabase(), pg.user(), "");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void one_instance_holds_a_job_and_another_takes_it_when_the_holder_dies() {
        JobLeases one = new JobLeases(database.sql(), "one", true, Duration.ofSeconds(1));
        JobLeases two = new JobLeases(database.sql(), "two", true, Duration.ofSeconds(1));
        one.register("usage-poller");
        two.register("usage-poller");

        one.renew();
        two.renew();

        assertThat(one.holds("usage-poller")).isTrue();
        assertThat(two.holds("usage-poller")).isFalse();

        one.abandon();
        Await.until("instance two takes the job", Duration.ofSeconds(10), () -> {
            two.renew();
            return two.holds("usage-poller");
        });
        one.renew();
        assertThat(one.holds("usage-poller")).as("the old holder does not take it back while it is held").isFalse();
    }

    @Test
    void a_clean_stop_hands_the_job_over_at_the_next_renewal() {
        JobLeases one = new JobLeases(database.sql(), "one", true, Duration.ofSeconds(60));
        JobLeases two = new JobLeases(database.sql(), "two", true, Duration.ofSeconds(60));
        one.register("token-refresh");
        two.register("token-refresh");
        one.renew();

        one.close();
        two.renew();

        assertThat(two.holds("token-refresh")).isTrue();
    }

    @Test
    void on_the_embedded_database_every_job_runs_here() {
        JobLeases alone = new JobLeases(database.sql(), "alone", false);

        assertThat(alone.holds("anything")).isTrue();
    }
}
