package com.codexmanager.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes committed writes durable with as few H2 checkpoints as possible (group commit). A caller that has just
 * committed asks for a checkpoint; if one is already running it waits for the next, which covers every commit made
 * before it started; otherwise it runs one itself for everyone who asked so far. Under a burst of concurrent token
 * saves each caller waits for at most two checkpoints instead of queueing behind one checkpoint per save.
 * Thread-safe.
 */
final class GroupCheckpoint implements Sql.Persister {
    private long requested;
    private long completed;
    private boolean running;

    @Override
    public void persist(Connection connection) throws SQLException {
        long mine;
        long target;
        synchronized (this) {
            mine = ++requested;
            while (completed < mine && running) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for a checkpoint", e);
                }
            }
            if (completed >= mine) {
                return;
            }
            running = true;
            target = requested;
        }
        boolean done = false;
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            done = true;
        } finally {
            synchronized (this) {
                running = false;
                if (done) {
                    completed = Math.max(completed, target);
                }
                notifyAll();
            }
        }
    }
}
