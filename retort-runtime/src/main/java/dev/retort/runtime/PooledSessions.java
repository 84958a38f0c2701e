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
     * Whether the session that runs a statement holds one of the run's two locks already, with the keys of the run
     * lock and the work lock as its two parameters: a session Retort just connected, handed over with them.
     */
    static final String HOLDS_LOCK = "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
            + "AND pid = pg_backend_pid() AND objsubid = 1 "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND (classid::bigint << 32 | objid::bigint) IN (?, ?))";

    /**
     * The server process of {@code work}, the connection that runs the steps, once it is found to hold no lock of
     * {@code lockName} yet.
     *
     * @param database the database, for the message
     */
    static int process(Connection work, String lockName, String database) throws SQLException {
        try (PreparedStatement s = work.prepareStatement("SELECT pg_backend_pid(), " + HOLDS_LOCK)) {
            s.setLong(1, AdvisoryLock.keyFor(lockName));
            s.setLong(2, AdvisoryLock.workKeyFor(lockName));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getBoolean(2)) {
                    throw heldAlready(database, rs.getInt(1));
                }
                return rs.getInt(1);
            }
        }
    }

    /** The failure of a run handed a session, {@code process}, that holds a lock of Retort's already. */
    static RetortException heldAlready(String database, int process) {
        return shared(database, "server process " + process + " held a lock of Retort's when Retort was given it");
    }

    /** The failure of a run whose two connections were both served by {@code process}. */
    static RetortException servedTwice(String database, int process) {
        return shared(database, "server process " + process + " served two of them in turn");
    }

    /** The failure of a run whose connection was first served by {@code expected}, then by {@code actual}. */
    static RetortException moved(String database, int expected, int actual) {
        return shared(database, "one of them went from server process " + expected + " to " + actual);
    }

    /** The warning of a run that let go of a lock its session did not hold: another session of the pool keeps it. */
    static String leftInThePool(String database) {
        return "Retort's connections to " + database + " were not sessions of their own (a lock of the run was not "
                + "in the server session that took it, which keeps it): a connection pooler in transaction or "
                + "statement mode (PgBouncer's pool_mode = transaction) stands in between. That session may keep the "
                + "lock, and the run's settings (lock_timeout, statement_timeout), for later runs and the "
                + "application's transactions: reconnect the pool's server connections (PgBouncer: RECONNECT on its "
                + "admin console), and connect Retort to PostgreSQL directly, or through a pool in session mode.";
    }

    private static RetortException shared(String database, String evidence) {
        return new RetortException("Retort's connections to " + database + " are not sessions of their own ("
                + evidence + "): a connection pooler in transaction or statement mode (PgBouncer's pool_mode = "
                + "transaction) stands in between, where the lock that keeps two runs apart, and the settings of a "
                + "run's session, would pass to other clients. Nothing was changed; connect Retort to PostgreSQL "
                + "directly, or through a pool in session mode.");
    }
}
