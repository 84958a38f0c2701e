package dev.retort.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Commits a run's steps without waiting for the disk each time, and waits once, at the end, for all of them.
 *
 * <p>With {@code synchronous_commit = off} a commit returns before its WAL is flushed; the server flushes it
 * a fraction of a second later. Each step stays atomic with its version-table row, so a server crash in the
 * middle of a run can only lose whole steps from its end, which the next run applies again; it never leaves
 * half a step. Once the run ends (done or failed), one synchronous commit flushes the WAL up to it, which
 * covers every step before it: a run that said it applied a step has it on disk. On 300 small migrations this
 * saves a flush per migration, about a tenth of the run.
 *
 * <p>A commit flushes only when its transaction wrote WAL, so the final one writes a transactional logical
 * decoding message (a WAL record and nothing else). Where the user may not call
 * {@code pg_logical_emit_message}, commits keep waiting as usual.
 */
final class Durability {
    private Durability() {
    }

    /**
     * Sets the session's commits to return before their WAL is flushed, when {@link #waitForCommits} can flush
     * them at the end; returns whether it did.
     */
    static boolean commitWithoutWaiting(Connection connection) {
        // The function has three parameters before PostgreSQL 17 and four (a defaulted flush) since.
        String flushable = "SELECT coalesce(bool_or(has_function_privilege(oid, 'EXECUTE')), false) FROM pg_proc "
                + "WHERE proname = 'pg_logical_emit_message' AND pronamespace = 'pg_catalog'::regnamespace "
                + "AND proargtypes[0] = 'boolean'::regtype AND proargtypes[2] = 'text'::regtype";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(flushable)) {
            if (!rows.next() || !rows.getBoolean(1)) {
                return false;
            }
            statement.execute("SET synchronous_commit = off");
            return true;
        } catch (SQLException e) {
            // Whatever the reason, commits then simply wait as usual.
            return false;
        }
    }

    /**
     * Flushes the WAL of every commit so far: a transaction that writes a WAL record commits synchronously, and
     * its flush covers everything before it. Quiet when the connection is gone (the run's error says so).
     */
    static void waitForCommits(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit = on");
                statement.execute("SELECT pg_logical_emit_message(true, 'retort', 'flush')");
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET synchronous_commit");
            }
        } catch (SQLException e) {
            // The connection is gone: nothing more can be flushed from here, and the failure is reported already.
        }
    }
}
