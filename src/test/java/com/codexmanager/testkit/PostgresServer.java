package com.codexmanager.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the tests, started once per test JVM from the machine's PostgreSQL binaries
 * ({@code initdb} and {@code postgres} under {@code /usr/lib/postgresql/<version>/bin}) in a temp dir, listening on
 * 127.0.0.1 only, without fsync (it lives for one test run). PostgreSQL refuses to run as root, so when the tests
 * run as root the server runs as the {@code postgres} system user. Each test takes a fresh database
 * ({@link #newDatabase()}). Stopped by a shutdown hook. Thread-safe.
 */
public final class PostgresServer {
    private static PostgresServer instance;

    private final Path base;
    private final Path binaries;
    private final int port;
    private final boolean asPostgresUser;
    private final Process server;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path base, Path binaries, int port, boolean asPostgresUser, Process server) {
        this.base = base;
        this.binaries = binaries;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.server = server;
    }

    /** The shared server, started on first use. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "postgres-test-stop"));
        }
        return instance;
    }

    /** Whether this machine has PostgreSQL binaries (tests that need them are skipped when not). */
    public static boolean available() {
        return findBinaries() != null;
    }

    /** A new empty database; returns its JDBC URL (user {@link #user()}, no password). */
    public String newDatabase() {
        String name = "cm_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), user(), "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url(name);
    }

    /** Every row of every table of the database at {@code url}, as text: to prove a secret is not stored in it. */
    public String tablesAsText(String url) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, user(), "");
                Statement s = c.createStatement();
                java.sql.ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            for (String table : names) {
                try (java.sql.ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(rows.getString(i)).append('\t');
                        }
                        out.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
        return out.toString();
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return "cm";
    }

    private static PostgresServer start() {
        Path binaries = findBinaries();
        if (binaries == null) {
            throw new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql (apt-get install "
                    + "postgresql)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path base = Files.createTempDirectory("cm-postgres");
            Path data = base.resolve("data");
            if (root) {
                run(List.of("chown", "postgres", base.toString()));
            }
            run(command(root, binaries.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U",
                    "cm", "-E", "UTF8", "--no-sync", "--locale=C"));
            int port = freePort();
            List<String> start = command(root, binaries.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-k", base.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=400", "-c", "shared_buffers=64MB");
            Process server = new ProcessBuilder(start).redirectErrorStream(true)
                    .redirectOutput(base.resolve("postgres.log").toFile()).start();
            PostgresServer pg = new PostgresServer(base, binaries, port, root, server);
            pg.awaitReady();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited: " + log());
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), user(), "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("postgres did not accept connections within 60 s: " + log(), last);
    }

    private void stop() {
        try {
            run(command(asPostgresUser, binaries.resolve("pg_ctl").toString(), "-D", base.resolve("data").toString(),
                    "stop", "-m", "immediate", "-w"));
        } catch (RuntimeException e) {
            server.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS cleans it eventually
        }
    }

    private String log() {
        try {
            return Files.readString(base.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static List<String> command(boolean asPostgres, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("[^0-9]", "0")))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
