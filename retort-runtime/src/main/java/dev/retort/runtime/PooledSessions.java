package dev.retort.runtime;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Refuses a run whose connections are not server sessions of their own, as behind a connection pooler in transaction
 * or statement mode (PgBouncer's {@code pool_mode = transaction}), which hands a server session to another client
 * after each transaction.
 *
 * <p>There the run's session-level advisory locks stay with a server session that other clients go on using, while
 * the run's next transaction may run in another: two runs no longer keep apart, and a lock left in the pool makes
 * every later run wait for good. The session settings a run makes ({@code lock_timeout}, {@code statement_timeout},
 * {@code synchronous_commit}) pass to the application's transactions, and the driver's named prepared statements
 * collide ("prepared statement S_2 already exists"). PostgreSQL itself, or a pool in session mode, gives each
 * connection its own session.
 *
 * <p>Such a pooler shows itself when two of Retort's connections are served by one server process in turn, which a
 * quiet pool (the usual one at a deploy) does each time, since it hands out the session used last; or when a
 * session Retort is handed holds one of Retort's locks already. A busy pool may hand out others; the run's connection
 * is therefore checked again as it takes its work lock ({@link AdvisoryLock#holdWork}).
 */
final class PooledSessions {
    private PooledSessions() {
    }

    /**
     * Checks that {@code work} and {@code lock} are sessions of their own, neither holding a lock of
     * {@code lockName} yet, before any lock is taken; returns the server process of {@code work}.
     *
     * @param database the database, for the message
     */
    static int requireOwn(Connection work, Connection lock, String lockName, String database) throws SQLException {
        Session workSession = session(work, lockName);
        Session lockSession = session(lock, lockName);
        if (workSession.holdsLock() || lockSession.holdsLock()) {
            int holder = workSession.holdsLock() ? workSession.pid() : lockSession.pid();
            throw shared(database, "server process " + holder + " held a lock of Retort's when Retort was given it");
        }
        if (workSession.pid() == lockSession.pid()) {
            throw shared(database, "server process " + workSession.pid() + " served two of them in turn");
        }
        return workSession.pid();
    }

    /** The failure of a run whose connection was first served by {@code expected}, then by {@code actual}. */
    static RetortException moved(String database, int expected, int actual) {
        return shared(database, "one of them went from server process " + expected + " to " + actual);
    }

    /** The warning of a run whose locks were not where it took them when it let go of them. */
    static String afterTheRun(String database) {
        return "Retort's connections to " + database + " were not sessions of their own (a lock of the run was not "
                + "in the server session that took it): a connection pooler in transaction or statement mode (PgBouncer's "
                + "pool_mode = transaction) stands in between. The run is done, but its locks and session settings "
                + "(lock_timeout, statement_timeout) may stay in sessions of the pool, where later runs wait for the "
                + "locks and the application's transactions get the settings: reconnect the pool's server connections "
                + "(PgBouncer: RECONNECT on its admin console), and connect Retort to PostgreSQL directly, or through a "
                + "pool in session mode.";
    }

    private static RetortException shared(String database, String evidence) {
        return new RetortException("Retort's connections to " + database + " are not sessions of their own ("
                + evidence + "): a connection pooler in transaction or statement mode (PgBouncer's pool_mode = "
                + "transaction) stands in between, where the lock that keeps two runs apart, and the settings of a "
                + "run's session, would pass to other clients. Nothing was changed; connect Retort to PostgreSQL "
                + "directly, or through a pool in session mode.");
    }

    /** The server process behind a connection, and whether it holds a lock of the run's already. */
    private record Session(int pid, boolean holdsLock) {
    }

    private static Session session(Connection connection, String lockName) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_backend_pid(), EXISTS (SELECT 1 FROM pg_locks "
                + "WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objsubid = 1 "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND (classid::bigint << 32 | objid::bigint) IN (?, ?))")) {
            s.setLong(1, AdvisoryLock.keyFor(lockName));
            s.setLong(2, AdvisoryLock.workKeyFor(lockName));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Session(rs.getInt(1), rs.getBoolean(2));
            }
        }
    }
}
