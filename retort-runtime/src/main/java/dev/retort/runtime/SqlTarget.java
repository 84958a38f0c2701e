package dev.retort.runtime;

import java.sql.SQLException;
import java.util.List;

/**
 * Where every statement of a run goes: a live connection, or printed SQL for {@code --sql}.
 *
 * <p>All SQL a run produces (migrations and version table alike) leaves through one of these, so the
 * offline script shows exactly what a live run would execute.
 */
public interface SqlTarget {
    void begin() throws SQLException;

    void commit() throws SQLException;

    void rollback() throws SQLException;

    /** Runs (or prints) one statement; for a live target, the affected row count or -1. */
    int execute(String sql) throws SQLException;

    /**
     * Runs (or prints) statements that return no rows, in order, and returns their row counts. A live target
     * sends them together, saving a round trip per statement; when one fails, it throws a {@link BatchFailure}
     * with the failed statement's position, and the statements after it did not run.
     */
    default int[] executeBatch(List<String> statements) throws SQLException {
        int[] counts = new int[statements.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                counts[i] = execute(statements.get(i));
            } catch (SQLException e) {
                throw new BatchFailure(i, e);
            }
        }
        return counts;
    }

    /**
     * True when {@link #executeBatch} sends a batch as one pipeline that the server abandons at its first error, so
     * that several transactions ({@code BEGIN} ... {@code COMMIT}) in one batch stop at the first that fails. A
     * target that sends statements as separate queries, which the server runs on after an error, says false.
     */
    default boolean stopsBatchAtFirstError() {
        return false;
    }

    /**
     * True when {@link #executeScript} sends statements as one query (PostgreSQL's simple protocol), which the
     * server abandons at its first error.
     */
    default boolean runsScripts() {
        return false;
    }

    /**
     * Runs statements that return no rows as one query, or as a few queries in a row when they are many, in order;
     * when one fails, the server runs none after it, and the exception does not say which one failed. The server
     * parses one message instead of four per statement (parse, bind, describe, execute), which on quick migrations
     * is about a tenth of its work.
     */
    default void executeScript(List<String> statements) throws SQLException {
        throw new UnsupportedOperationException("this target runs statements one by one");
    }

    /**
     * The position in {@code statements}, sent by {@link #executeScript}, of the statement that the server's error
     * {@code e} points into, or -1 when the error carries no position. A syntax error has one: the server parses a
     * query whole before it runs any of it, so such an error stops every statement of the query (of the script, when
     * it went as one), and only its position tells which one is at fault.
     */
    default int statementAt(List<String> statements, SQLException e) {
        return -1;
    }

    /**
     * Where statement {@code at} of {@code statements} starts in the query of {@link #executeScript} that holds it,
     * in characters, as the server's error positions count.
     */
    default int startOf(List<String> statements, int at) {
        return 0;
    }

    /**
     * Cancels the statement running now, from another thread; nothing when none runs. What the run sends after it
     * is not cancelled.
     */
    default void cancel() throws SQLException {
    }

    /** Ends the open transaction, if any, so that the next statements run outside a transaction block. */
    void enterAutocommit() throws SQLException;

    void exitAutocommit() throws SQLException;

    /** Runs a query and returns its first column; printed SQL has no results to read, so it returns none. */
    default List<String> query(String sql) throws SQLException {
        return List.of();
    }

    /** A note for the reader of printed SQL ({@code -- Running upgrade a -> b}); nothing for a live target. */
    default void comment(String text) {
    }

    /** True when statements really run; false when they are only printed. */
    boolean live();

    /**
     * True when the client made the connection read-only ({@code readOnly=true} in a JDBC URL, a pool's read-only
     * setting), so that the driver begins every transaction {@code READ ONLY}: the server then refuses a write as it
     * does on a standby, and only this tells the two apart.
     */
    default boolean readOnlyConnection() {
        return false;
    }
}
