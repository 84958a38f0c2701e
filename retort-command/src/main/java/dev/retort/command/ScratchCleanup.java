package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.runtime.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Removes what {@code retort test} made on its server when the test ends, and also when the process is stopped
 * (SIGTERM from a cancelled CI job, Ctrl-C), which would otherwise leave it there for good: the scratch database,
 * then the roles its migrations made. Roles belong to the whole server, so dropping the database leaves those its
 * migrations made, and the next test's plain {@code CREATE ROLE} would fail on them. Only a role that the test's
 * own steps made ({@link TestRoles}) is dropped: one that was there before the test (renamed or not), or that
 * another job on the server made meanwhile, is never touched, and a new one is named for the user to look at; one
 * that still has something elsewhere on the server (a privilege on another database) cannot be dropped, and is
 * named for the user to drop by hand.
 *
 * <p>As a run's stop notice does, a JVM shutdown hook, registered from {@link #register} until {@link #close},
 * speaks for a stopped test: it drops the database on a connection of its own (the test's may be busy in a
 * migration's statement, which the drop ends), then the roles, and passes the listener one line that says so. The
 * test's thread, whose statement then fails, says nothing of that failure: it waits in {@link #close} for the JVM to
 * end (or, if the JVM has not ended after {@link #HELD_BACK}, throws with the line).
 */
final class ScratchCleanup implements AutoCloseable {
    /** How long the test's thread waits for a stopping JVM to end, as long as a run's held-back commit does. */
    private static final Duration HELD_BACK = Duration.ofSeconds(10);
    private static final String NOT_MADE = "stopped before `retort test` made its scratch database; the project's "
            + "database was not touched.";
    private final TestServer server;
    private final String name;
    private final RunListener listener;
    private final Consumer<String> notices;
    private Thread hook;
    /** What the test is doing, for the line of a stopped test: {@code while testing revision ...}. */
    private volatile String doing = "before the test's first revision";

    // Changed by the test's thread and by the hook's, under this object's lock.
    /** Whether the scratch database may be there: its CREATE DATABASE was sent and did not fail. */
    private boolean mayExist;
    /** The server's roles before the scratch database was made, and those the test's steps made since. */
    private TestRoles roles;
    private boolean stopping;
    private boolean cleanedUp;
    private boolean droppedDatabase;
    private final List<String> droppedRoles = new ArrayList<>();
    /** What the clean-up could not drop, and why, for the user to drop by hand: {@code could not drop ...}. */
    private final List<String> left = new ArrayList<>();

    private ScratchCleanup(TestServer server, String name, RunListener listener, Consumer<String> notices) {
        this.server = server;
        this.name = name;
        this.listener = listener;
        this.notices = notices;
    }

    /**
     * Cleans up after the test of the scratch database {@code name} on {@code server} when it ends or is stopped,
     * dropping the roles its steps made ({@link TestRoles}); {@code notices} hears which roles the end of a test
     * dropped, and {@code listener} what it could not drop or left, or, for a stopped test, the line of the stop.
     */
    static ScratchCleanup register(TestServer server, String name, RunListener listener, Consumer<String> notices) {
        ScratchCleanup cleanup = new ScratchCleanup(server, name, listener, notices);
        Thread stopped = new Thread(cleanup::stop, "retort-test-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(stopped);
        } catch (IllegalStateException e) {
            throw new RetortException(NOT_MADE, e);
        }
        cleanup.hook = stopped;
        return cleanup;
    }

    /**
     * Creates the scratch database and returns connections to it, noting the server's roles first. The CREATE is sent
     * under this object's lock, so a stop meanwhile waits for it and then drops what it made: a DROP sent first would
     * find nothing yet, and the CREATE, which the server completes after the process is gone, would leave the
     * database there while the line of the stop said it was dropped.
     */
    ScratchConnections create() {
        TestRoles before = server.roles();
        synchronized (this) {
            if (stopping) {
                throw new RetortException(NOT_MADE);
            }
            roles = before;
            mayExist = true;
            try {
                return server.create(name);
            } catch (RuntimeException e) {
                mayExist = false;
                throw e;
            }
        }
    }

    /** The server's roles as the test began, and those its steps made: {@link HistoryTester} notes them. */
    synchronized TestRoles roles() {
        return roles;
    }

    /** The test is now {@code doing} this ({@code while testing revision ...}), as the line of a stop would say. */
    void doing(String what) {
        doing = what;
    }

    /**
     * Drops what the test made, unless the process is stopping: then the hook does, and says so, and this waits for
     * the JVM to end, so that the test's own failure (its connection was ended) is never reported.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!stopping) {
                doing = "as the test ended";
                cleanUp();
                if (!droppedRoles.isEmpty()) {
                    notices.accept("Dropped " + roles(droppedRoles) + ", made on the server while the test ran.");
                }
                left.forEach(what -> listener.warning("`retort test` " + what + "."));
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    return;
                } catch (IllegalStateException e) {
                    // The process is stopping already: the hook runs once this lock is free, and says what was done.
                }
            }
        }
        awaitEnd();
    }

    /** The shutdown hook: cleans up, if the test's thread has not, and says what the stop left. */
    private void stop() {
        String line;
        synchronized (this) {
            stopping = true;
            cleanUp();
            line = stoppedLine();
        }
        listener.stopped(line);
    }

    /** Drops what the test made, once; what it dropped and what it could not are kept for the messages. */
    private synchronized void cleanUp() {
        if (cleanedUp || !mayExist) {
            return;
        }
        cleanedUp = true;
        try (Connection connection = server.open()) {
            try {
                server.drop(connection, name);
                droppedDatabase = true;
            } catch (SQLException e) {
                left.add("could not drop the scratch database " + name + " on " + server.admin().redacted() + " ("
                        + server.reason(e) + "): drop it by hand");
            }
            // After the database: what a role owns there, or was granted there, would keep it.
            dropRoles(connection);
        } catch (SQLException e) {
            left.add("could not connect to " + server.admin().redacted() + " (" + server.reason(e) + ") to drop the "
                    + "scratch database " + name + ": drop it by hand");
        }
    }

    /**
     * Drops the roles the test's steps made ({@link TestRoles}); names the other roles that appeared on the server
     * while the test ran, and those renamed meanwhile, which it leaves. A role may hold another back (since
     * PostgreSQL 16, one that granted a role cannot go before the grant), so each pass drops what it can, until a
     * pass drops none; what is left is named with the server's reason.
     */
    private void dropRoles(Connection connection) {
        List<String> pending = new ArrayList<>();
        try {
            for (Map.Entry<Long, String> role : TestRoles.present(connection).entrySet()) {
                String was = roles.nameBefore(role.getKey());
                if (roles.made(role.getKey())) {
                    pending.add(role.getValue());
                } else if (was == null) {
                    left.add("left the role " + role.getValue() + ", which appeared on the server while the test ran "
                            + roles.unknownWhy() + ": drop it by hand if the test made it");
                } else if (!was.equals(role.getValue())) {
                    left.add("left the role " + role.getValue() + ", named " + was + " when the test began: rename it "
                            + "back by hand if the test's migrations renamed it");
                }
            }
        } catch (SQLException e) {
            left.add("could not read the roles of " + server.admin().redacted() + " (" + server.reason(e) + ") to drop "
                    + "those made while the test ran: drop them by hand");
            return;
        }
        Map<String, SQLException> refused = new TreeMap<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            refused.clear();
            for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                String role = it.next();
                try {
                    server.dropRole(connection, role);
                    droppedRoles.add(role);
                    it.remove();
                    progress = true;
                } catch (SQLException e) {
                    refused.put(role, e);
                }
            }
        }
        refused.forEach((role, e) -> left.add("could not drop the role " + role + ", made while the test ran ("
                + server.reasonInDetail(e) + "): drop it by hand"));
    }

    /** {@code the role app_owner}, {@code the roles app_owner, app_reader}. */
    private static String roles(List<String> names) {
        return (names.size() == 1 ? "the role " : "the roles ") + String.join(", ", names);
    }

    /** {@code stopped while testing revision ...: dropped the scratch database ...; the project's ...}. */
    private String stoppedLine() {
        List<String> done = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        if (droppedDatabase) {
            dropped.add("the scratch database " + name);
        }
        if (!droppedRoles.isEmpty()) {
            dropped.add(roles(droppedRoles) + ", made while the test ran");
        }
        if (!dropped.isEmpty()) {
            done.add("dropped " + String.join(" and ", dropped));
        }
        done.addAll(left);
        if (done.isEmpty()) {
            done.add("no scratch database was made");
        }
        return "stopped " + doing + ": " + String.join("; ", done) + "; the project's database was not touched.";
    }

    /**
     * Waits for the stopping JVM to end this thread; if it has not after {@link #HELD_BACK} (a shutdown hook of the
     * application waits for it, as a framework's waits for the start that runs the test), fails instead.
     */
    private synchronized void awaitEnd() {
        long deadline = System.nanoTime() + HELD_BACK.toNanos();
        for (long wait = HELD_BACK.toNanos(); wait > 0; wait = deadline - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                // Still nothing to report: the JVM ends this thread, or the deadline ends the wait.
            }
        }
        cleanUp();
        throw new RetortException(stoppedLine());
    }
}
