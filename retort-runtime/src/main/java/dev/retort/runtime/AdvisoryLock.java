package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.internal.Durations;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock held for a whole run, so concurrent runners queue.
 *
 * <p>It lives on a connection of its own that stays idle, outside any transaction, while the run works
 * on another: an idle session holds no snapshot, so {@code CREATE INDEX CONCURRENTLY} (which waits for
 * older snapshots) is not blocked by it. If the process dies, PostgreSQL ends the session and frees the lock.
 *
 * <p>The connection that runs the steps holds a second lock, the work lock ({@link #holdWork}). A run that sent
 * several steps together and was killed leaves its server session working through what it had received, and
 * committing it, after the run lock is free; the next run waits for that session to end before it reads the
 * version table.
 *
 * <p>Both are locks of a session, which holds only where each connection is a server session of its own: a run
 * through a pooler that hands sessions from client to client is refused before it takes them ({@link PooledSessions}).
 *
 * <p>A run waits for either lock by trying it again and again, idle in between, never blocked in
 * {@code pg_advisory_lock}: see {@link #waitFor}.
 */
public final class AdvisoryLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);
    /** The pause after the first try that failed; it doubles up to {@link #LONGEST_PAUSE_MILLIS}. */
    private static final long FIRST_PAUSE_MILLIS = 10;
    /** At most this long after the holder let go, the waiting run has the lock. */
    private static final long LONGEST_PAUSE_MILLIS = 100;
    private final Connection connection;
    private final long key;
    private final String versionTable;
    /** The server process of the run's own connection when the lock was taken, which it must keep. */
    private final int workProcess;
    /** The database, for messages. */
    private final String database;
    private final RunListener listener;
    /** How long to wait for another run ({@code queue_timeout}, "0": as long as it takes). */
    private final String queueTimeout;
    /** When the wait for either lock gives up, as {@link System#nanoTime()}; 0: never. */
    private final long deadline;
    /** The connection that holds the work lock, once {@link #holdWork} took it; null before. */
    private Connection work;
    /** Whether the locks were released ({@link #release()}, {@link #close()}): the second call does nothing. */
    private boolean closed;

    private AdvisoryLock(Connection connection, long key, String versionTable, int workProcess, String database,
            RunListener listener, String queueTimeout, long deadline) {
        this.connection = connection;
        this.key = key;
        this.versionTable = versionTable;
        this.workProcess = workProcess;
        this.database = database;
        this.listener = listener;
        this.queueTimeout = queueTimeout;
        this.deadline = deadline;
    }

    /**
     * Takes the lock for {@code versionTable} on {@code connection}, waiting (after telling the listener) while another
     * run holds it; first makes sure that it and {@code work}, the connection that runs the steps, are sessions of
     * their own ({@link PooledSessions}).
     *
     * @param database the database, for messages
     * @param queueTimeout how long to wait for another run, as {@code queue_timeout} says ("0": as long as it takes)
     */
    public static AdvisoryLock acquire(Connection connection, Connection work, String versionTable, String database,
            RunListener listener, String queueTimeout) throws SQLException {
        // One limit for both waits: for another run, then for the statements of a stopped one.
        long waitMillis = Durations.millis(queueTimeout);
        long deadline = waitMillis == 0 ? 0 : System.nanoTime() + Math.min(waitMillis, 1L << 41) * 1_000_000;
        long key = keyFor(versionTable);
        connection.setAutoCommit(true);
        // Both sessions wait idle: this one for the other run, and the work session meanwhile and during the steps.
        keepWhileIdle(work);
        keepWhileIdle(connection);
        int workProcess = PooledSessions.process(work, versionTable, database);
        // Taken in the statement that checks its session, so that a session the check refuses never holds it.
        int process;
        boolean held;
        boolean taken;
        try (PreparedStatement s = connection.prepareStatement("SELECT pid, held, CASE WHEN pid <> ? AND NOT held "
                + "THEN pg_try_advisory_lock(?) END FROM (SELECT pg_backend_pid() AS pid, " + PooledSessions.HOLDS_LOCK
                + " AS held OFFSET 0) session")) {
            s.setInt(1, workProcess);
            s.setLong(2, key);
            s.setLong(3, key);
            s.setLong(4, workKeyFor(versionTable));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                process = rs.getInt(1);
                held = rs.getBoolean(2);
                taken = rs.getBoolean(3);
            }
        }
        if (held) {
            throw PooledSessions.heldAlready(database, process);
        }
        if (process == workProcess) {
            throw PooledSessions.servedTwice(database, process);
        }
        if (!taken) {
            listener.waitingForLock();
            log.debug("waiting for advisory lock {}", key);
            waitFor(connection, key, "another retort run on this database", queueTimeout, deadline, listener);
            listener.lockAcquired();
        }
        return new AdvisoryLock(connection, key, versionTable, workProcess, database, listener, queueTimeout,
                deadline);
    }

    /**
     * Waits for the lock {@code key}, trying it every 10 to 100 ms, until {@code deadline} (as {@link
     * System#nanoTime()}; 0: as long as it takes), which {@code queueTimeout} set. Waiting runs are not served in the
     * order they came: whichever tries first after the holder let go has the lock.
     *
     * <p>Not in {@code pg_advisory_lock}: a session blocked there holds a snapshot for as long as it waits, and a
     * {@code CREATE INDEX CONCURRENTLY} of the run that holds the lock waits for every older snapshot to go. The two
     * runs waited for each other until the index build's {@code lock_timeout} failed its migration (or PostgreSQL's
     * deadlock check ended one of them). Between tries this session is idle and holds none. Nor does the session's
     * {@code lock_timeout} or {@code statement_timeout} (a pool's, the user's) end the wait, which only
     * {@code queue_timeout} limits, as Flyway's {@code lockRetryCount} and Liquibase's
     * {@code changeLogLockWaitTimeInMinutes} do theirs.
     */
    private static void waitFor(Connection connection, long key, String holder, String queueTimeout, long deadline,
            RunListener listener) throws SQLException {
        // A stop (SIGTERM: a pod's end, a cancelled job) while waiting says so, as one during the steps does, and
        // ends the wait: an application whose shutdown waits for its start (as Spring Boot's does) would otherwise
        // wait on, then run its upgrade once the other run let go.
        String line = "stopped while waiting for " + holder + ": nothing was changed; run the command again.";
        CountDownLatch stop = new CountDownLatch(1);
        Thread stopped = new Thread(() -> {
            stop.countDown();
            listener.stopped(line);
        }, "retort-stop-notice");
        try {
            Runtime.getRuntime().addShutdownHook(stopped);
        } catch (IllegalStateException e) {
            throw new RetortException("Stopped before waiting for " + holder + ". Nothing was changed.", e);
        }
        try {
            long pause = FIRST_PAUSE_MILLIS;
            while (!tryLockWhileWaiting(connection, key, holder)) {
                long left = deadline == 0 ? pause : (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new RetortException("Gave up waiting for " + holder + " after " + queueTimeout
                            + " (queue_timeout; server process " + holderPid(connection, key) + " holds its lock). "
                            + "Nothing was changed; run again once it has finished, or raise queue_timeout (\"0\" "
                            + "waits as long as it takes).");
                }
                try {
                    if (stop.await(Math.min(pause, left), TimeUnit.MILLISECONDS)) {
                        throw new RetortException(line);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RetortException("Stopped waiting for " + holder + ": the thread was interrupted. "
                            + "Nothing was changed.", e);
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
            if (stop.getCount() == 0) {
                // Taken as the stop came: the run changes nothing all the same, and its session's end frees the lock.
                throw new RetortException(line);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopped);
            } catch (IllegalStateException e) {
                // The process is stopping: the hook runs now.
            }
        }
    }

    /**
     * Has the server keep {@code connection}'s session however long it waits idle: for another run's lock, for a
     * {@code pg_dump} backup, or, holding the run's lock, for the steps. An {@code idle_session_timeout} (PostgreSQL 14
     * and later) that a role or a database sets would otherwise end the session mid-run: the run failed after its
     * steps had committed, and its lock went while it ran.
     */
    private static void keepWhileIdle(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET idle_session_timeout = 0");
            }
        }
    }

    /** The server process that holds the lock {@code key}, or "unknown" when it let go meanwhile. */
    private static String holderPid(Connection connection, long key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pid FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = "
                + "current_database()) AND (classid::bigint << 32 | objid::bigint) = ?")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Integer.toString(rs.getInt(1)) : "unknown";
            }
        }
    }

    /**
     * Takes the work lock on {@code work}, the connection that runs the steps, for as long as that session lasts;
     * waits (after telling the listener) while a killed run's session still works. Fails when {@code work} is now
     * served by another server process than when the run lock was taken: a pooler hands sessions from client to
     * client.
     */
    void holdWork(Connection work) throws SQLException {
        long workKey = workKeyFor(versionTable);
        boolean taken;
        int process;
        // Taken only in the session that was checked: one that moved would otherwise keep it in the pool.
        try (PreparedStatement s = work.prepareStatement("SELECT CASE WHEN pg_backend_pid() = ? THEN "
                + "pg_try_advisory_lock(?) END, pg_backend_pid()")) {
            s.setInt(1, workProcess);
            s.setLong(2, workKey);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                taken = rs.getBoolean(1);
                process = rs.getInt(2);
            }
        }
        if (process != workProcess) {
            throw PooledSessions.moved(database, workProcess, process);
        }
        if (!taken) {
            listener.waitingForStoppedRun();
            log.debug("waiting for work lock {}", workKey);
            waitFor(work, workKey, "another retort run whose lock session ended to finish its statements on the "
                    + "server", queueTimeout, deadline, listener);
        }
        this.work = work;
    }

    /**
     * True when another session holds the run lock of {@code versionTable}, or its work lock (a stopped run's session
     * still working): a run is going on, and what a read without the lock saw may be about to change. One statement,
     * which takes each lock that is free and lets it go at once: a run with nothing to do asks it, and waits for the
     * lock only when it says so.
     */
    static boolean heldByAnother(Connection connection, String versionTable) throws SQLException {
        // A CASE, whose order PostgreSQL keeps: the unlock only of a lock this statement took.
        try (PreparedStatement s = connection.prepareStatement("SELECT CASE WHEN pg_try_advisory_lock(?) THEN NOT "
                + "pg_advisory_unlock(?) ELSE true END OR CASE WHEN pg_try_advisory_lock(?) THEN NOT "
                + "pg_advisory_unlock(?) ELSE true END")) {
            long key = keyFor(versionTable);
            long workKey = workKeyFor(versionTable);
            s.setLong(1, key);
            s.setLong(2, key);
            s.setLong(3, workKey);
            s.setLong(4, workKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** True when another session holds the work lock of {@link #holdWork}: a run is executing steps right now. */
    static boolean workInProgress(Connection connection, String versionTable) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE "
                + "locktype = 'advisory' AND granted AND objsubid = 1 AND pid <> pg_backend_pid() "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND (classid::bigint << 32 | objid::bigint) = ?)")) {
            s.setLong(1, workKeyFor(versionTable));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A stable key per version table, so projects sharing a database with different tables do not block each other. */
    static long keyFor(String versionTable) {
        return 0x5245_544FL << 32 | crc(versionTable); // "RETO" in the high bits
    }

    static long workKeyFor(String versionTable) {
        return 0x5245_5457L << 32 | crc(versionTable); // "RETW"
    }

    private static long crc(String versionTable) {
        CRC32 crc = new CRC32();
        crc.update(("retort:" + versionTable).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /**
     * {@link #tryLock} for a run that waits: its connection lost (the server ended its idle session, a NAT dropped
     * it) fails the run before it changed anything, which the message says, where "lost the connection" alone would
     * send the user to look at a database nothing touched.
     */
    private static boolean tryLockWhileWaiting(Connection connection, long key, String holder) throws SQLException {
        try {
            return tryLock(connection, key);
        } catch (SQLException e) {
            if (!Runner.connectionLost(e)) {
                throw e;
            }
            throw new RetortException("Lost the connection while waiting for " + holder + ": "
                    + Runner.firstLine(e.getMessage()) + ". Nothing was changed; run the command again.", e);
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Releases the locks once the work they guarded is done (every step committed), as {@link #close()} does, but for
     * a lock connection found lost (its idle session ended by {@code pg_terminate_backend}, a NAT that dropped it):
     * that is a warning, not a failure. The lock ended with its session, and the work went on under the work lock,
     * which kept a run that took the run lock meanwhile waiting ({@link #holdWork}); failing here made a run whose
     * every step committed exit 1.
     */
    public void release() throws SQLException {
        release(true);
    }

    /**
     * Releases the work lock and the run lock. A session that finds it does not hold the lock it took shows, after the
     * fact, what {@link PooledSessions} looks for beforehand: a pooler that hands sessions from client to client. The
     * run is done then, but its locks and session settings may stay in the pool's sessions, which the listener hears.
     * Does nothing after {@link #release()}.
     */
    @Override
    public void close() throws SQLException {
        release(false);
    }

    private void release(boolean workDone) throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        boolean released = true;
        try {
            if (work != null) {
                try {
                    released = unlock(work, workKeyFor(versionTable));
                } catch (SQLException e) {
                    // The run's connection broke or its transaction failed: its session ends with it, and the lock too.
                }
            }
            try {
                released &= unlock(connection, key);
            } catch (SQLException e) {
                if (!workDone || !Runner.connectionLost(e)) {
                    throw e;
                }
                listener.warning("Lost the connection that held this run's lock on " + database + ": "
                        + Runner.firstLine(e.getMessage()) + ". The lock ended with that session; the steps ran on a "
                        + "connection of their own.");
            }
        } finally {
            connection.close();
        }
        if (!released) {
            listener.warning(PooledSessions.leftInThePool(database));
        }
    }

    private static boolean unlock(Connection connection, long key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
