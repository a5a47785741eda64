package com.codexmanager.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NewestOnlyTest {
    private final UiJobs jobs = new UiJobs();
    private final List<String> shown = new ArrayList<>();

    @AfterEach
    void close() {
        jobs.close();
    }

    /** Bug: a list asked for before a usage refresh answered after the one asked for afterwards and won. */
    @Test
    void an_older_load_answering_last_is_dropped() throws Exception {
        NewestOnly loads = new NewestOnly(jobs);
        CompletableFuture<String> older = new CompletableFuture<>();
        CompletableFuture<String> newer = new CompletableFuture<>();
        SwingUtilities.invokeAndWait(() -> {
            loads.deliver(older, shown::add, e -> shown.add("error"));
            loads.deliver(newer, shown::add, e -> shown.add("error"));
        });

        newer.complete("with usage");
        older.complete("without usage");
        flushEdt();

        assertThat(shown).containsExactly("with usage");
    }

    @Test
    void a_superseded_error_is_dropped_and_the_newest_error_is_shown() throws Exception {
        NewestOnly loads = new NewestOnly(jobs);
        CompletableFuture<String> older = new CompletableFuture<>();
        CompletableFuture<String> newer = new CompletableFuture<>();
        SwingUtilities.invokeAndWait(() -> {
            loads.deliver(older, shown::add, e -> shown.add("old error"));
            loads.deliver(newer, shown::add, e -> shown.add(e.getMessage()));
        });

        older.completeExceptionally(new IllegalStateException("old error"));
        newer.completeExceptionally(new IllegalStateException("service gone"));
        flushEdt();

        assertThat(shown).containsExactly("service gone");
    }

    @Test
    void loads_in_sequence_each_deliver() throws Exception {
        NewestOnly loads = new NewestOnly(jobs);
        for (String value : List.of("first", "second")) {
            CompletableFuture<String> load = new CompletableFuture<>();
            SwingUtilities.invokeAndWait(() -> loads.deliver(load, shown::add, e -> { }));
            load.complete(value);
            flushEdt();
        }

        assertThat(shown).containsExactly("first", "second");
    }

    /** deliver() hands results to the EDT with invokeLater; an empty invokeAndWait runs after them. */
    private static void flushEdt() throws Exception {
        SwingUtilities.invokeAndWait(() -> { });
    }
}
