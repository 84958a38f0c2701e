package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.runtime.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Removes what {@code retort test} made on its server, the scratch database, when the test ends, and also when the
 * process is stopped (SIGTERM from a cancelled CI job, Ctrl-C), which would otherwise leave it there for good.
 *
 * <p>As a run's stop notice does, a JVM shutdown hook, registered from {@link #register} until {@link #close},
 * speaks for a stopped test: it drops the database on a connection of its own (the test's may be busy in a
 * migration's statement, which the drop ends) and passes the listener one line that says so. The test's thread,
 * whose statement then fails, says nothing of that failure: it waits in {@link #close} for the JVM to end (or, if
 * the JVM has not ended after {@link #HELD_BACK}, throws with the line).
 */
final class ScratchCleanup implements AutoCloseable {
    /** How long the test's thread waits for a stopping JVM to end, as long as a run's held-back commit does. */
    private static final Duration HELD_BACK = Duration.ofSeconds(10);
    private static final String NOT_MADE = "stopped before `retort test` made its scratch database; the project's "
            + "database was not touched.";
    private final TestServer server;
    private final String name;
    private final RunListener listener;
    private Thread hook;
    /** What the test is doing, for the line of a stopped test: {@code while testing revision ...}. */
    private volatile String doing = "before the test's first revision";

    // Changed by the test's thread and by the hook's, under this object's lock.
    /** Whether the scratch database may be there: its CREATE DATABASE was sent and did not fail. */
    private boolean mayExist;
    private boolean stopping;
    private boolean cleanedUp;
    /** What the clean-up dropped: {@code the scratch database retort_test_1a2b3c4d5e6f}. */
    private final List<String> dropped = new ArrayList<>();
    /** What it could not drop, and why, for the user to drop by hand: {@code could not drop ...}. */
    private final List<String> left = new ArrayList<>();

    private ScratchCleanup(TestServer server, String name, RunListener listener) {
        this.server = server;
        this.name = name;
        this.listener = listener;
    }

    /** Cleans up after the test of the scratch database {@code name} on {@code server} when it ends or is stopped. */
    static ScratchCleanup register(TestServer server, String name, RunListener listener) {
        ScratchCleanup cleanup = new ScratchCleanup(server, name, listener);
        Thread stopped = new Thread(cleanup::stop, "retort-test-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(stopped);
        } catch (IllegalStateException e) {
            throw new RetortException(NOT_MADE, e);
        }
        cleanup.hook = stopped;
        return cleanup;
    }

    /** Creates the scratch database and returns connections to it. */
    ScratchConnections create() {
        synchronized (this) {
            if (stopping) {
                throw new RetortException(NOT_MADE);
            }
            mayExist = true;
        }
        try {
            return server.create(name);
        } catch (RuntimeException e) {
            synchronized (this) {
                mayExist = false;
            }
            throw e;
        }
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
            server.drop(connection, name);
            dropped.add("the scratch database " + name);
        } catch (SQLException e) {
            left.add("could not drop the scratch database " + name + " on " + server.admin().redacted() + " ("
                    + server.reason(e) + "): drop it by hand");
        }
    }

    /** {@code stopped while testing revision ...: dropped the scratch database ...; the project's ...}. */
    private String stoppedLine() {
        List<String> done = new ArrayList<>();
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
