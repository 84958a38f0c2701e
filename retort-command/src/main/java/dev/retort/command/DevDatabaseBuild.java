package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A model's dev database in the embedded PostgreSQL while it is built: from its CREATE DATABASE until it is marked
 * complete, a stop of the process (Ctrl-C, SIGTERM from a cancelled CI job) drops it, as {@code retort test} drops
 * its scratch database, so that no half-built copy of a model stays on the server. A complete one is the cache the
 * next comparison reads, and stays.
 *
 * <p>A JVM shutdown hook, registered from {@link #start} until {@link #close}, drops it on a connection of its own
 * (the build's may be busy in the model's DDL, which the drop ends). The CREATE is sent under this object's lock,
 * so a stop meanwhile waits for it: a DROP sent first would find nothing, and the server would complete the CREATE
 * after the process was gone. The build's thread, whose statement then fails, waits in {@link #close} for the JVM
 * to end rather than report that failure.
 */
final class DevDatabaseBuild implements AutoCloseable {
    /** How long the build's thread waits for a stopping JVM to end, as {@link ScratchCleanup} does. */
    private static final Duration HELD_BACK = Duration.ofSeconds(10);
    private final EmbeddedPostgres server;
    private final String name;
    private Thread hook;
    // Changed by the build's thread and by the hook's, under this object's lock.
    private boolean stopping;
    private boolean mayExist;
    private boolean done;

    private DevDatabaseBuild(EmbeddedPostgres server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Watches the dev database {@code name} of {@code server}, not made yet, until it is complete or dropped. */
    static DevDatabaseBuild start(EmbeddedPostgres server, String name) {
        DevDatabaseBuild build = new DevDatabaseBuild(server, name);
        Thread stopped = new Thread(build::stop, "retort-dev-database-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(stopped);
        } catch (IllegalStateException e) {
            throw new RetortException("stopped before the dev database was made.", e);
        }
        build.hook = stopped;
        return build;
    }

    /** Drops what an earlier, interrupted build left of the database and creates it again, on {@code admin}. */
    synchronized void create(Connection admin) throws SQLException {
        if (stopping) {
            throw new RetortException("stopped before the dev database was made.");
        }
        try (Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            mayExist = true;
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        }
    }

    /** The database is complete (the next comparison reads it) or was dropped: a stop leaves it alone. */
    synchronized void done() {
        done = true;
    }

    /** The shutdown hook: drops the database unless it is complete. */
    private synchronized void stop() {
        stopping = true;
        if (done || !mayExist) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"),
                server.connectionProperties())) {
            try (PreparedStatement sessions = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM "
                    + "pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                sessions.setString(1, name);
                sessions.executeQuery().close();
            }
            try (Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name
                        + (admin.getMetaData().getDatabaseMajorVersion() >= 13 ? " WITH (FORCE)" : ""));
            }
            done = true;
        } catch (SQLException e) {
            // The process is ending: the next build of this model drops what is left before it starts.
        }
    }

    /**
     * Ends the watch; when the process is stopping, waits for the JVM to end this thread instead, so that the build's
     * failure (the hook ended its connection) is not reported.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!stopping) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    return;
                } catch (IllegalStateException e) {
                    // Stopping already: the hook runs once this lock is free.
                }
            }
        }
        long deadline = System.nanoTime() + HELD_BACK.toNanos();
        synchronized (this) {
            for (long wait = HELD_BACK.toNanos(); wait > 0; wait = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                } catch (InterruptedException e) {
                    // The JVM ends this thread, or the deadline ends the wait.
                }
            }
        }
    }
}
