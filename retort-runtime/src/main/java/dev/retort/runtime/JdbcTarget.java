package dev.retort.runtime;

import dev.retort.dialect.SecretsInSql;
import dev.retort.dialect.TableColumns;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PreferQueryMode;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs statements on a JDBC connection, managing its transaction state. */
final class JdbcTarget implements SqlTarget {
    private static final Pattern FIRST_NUMBER = Pattern.compile("\\d+");
    /** Between the statements of a script sent as one query, on a line of its own: a statement may end in a comment. */
    private static final String SCRIPT_SEPARATOR = "\n;\n";
    /**
     * The most statements of a script sent in one query. The driver keeps one result per statement of a query in a
     * chain that it walks to its end for every new one (pgjdbc 42.7), so reading a query's results takes time that
     * grows with the square of its statements: 9 s for a migration of 50,000 one-line INSERTs, over ten minutes for
     * 500,000, long after the server had committed. A query of a thousand costs the driver well under a millisecond,
     * and the round trip it adds is small next to the server's work on its statements.
     */
    static final int MOST_IN_QUERY = 1000;
    private final Connection connection;
    /** The failure of the last script that failed, and the first statement of its query that the server refused. */
    private SQLException failedScript;
    private int failedQueryStart;
    /**
     * The tables the statements logged so far make, whose columns tie the values of an INSERT that lists none to a
     * password column; the strings of one into another table are all hidden.
     */
    private final TableColumns logged = new TableColumns();

    /**
     * The log of statements, set up when the first is logged: SLF4J's start (a search of the class path for its
     * provider, about 4 ms) is then not paid by a command that only queries, such as {@code current}.
     */
    private static final class Log {
        static final Logger STATEMENTS = LoggerFactory.getLogger(JdbcTarget.class);
    }

    /**
     * The statement created last, which a stop of the process may cancel from another thread (see {@link #cancel});
     * once it has returned, the driver ignores a cancel of it.
     */
    private volatile Statement running;

    /** Where the warnings of Retort's own statements go (those of {@link Restores}); a migration's are not heard. */
    private final Consumer<String> warnings;

    JdbcTarget(Connection connection) {
        this(connection, warning -> { });
    }

    JdbcTarget(Connection connection, Consumer<String> warnings) {
        this.connection = connection;
        this.warnings = warnings;
    }

    /**
     * Passes on the warnings of Retort's own statements that {@code statement} received, also when it failed: a
     * restore's warning that nothing was saved explains the failure of a {@code NOT NULL} after it.
     */
    private void passOnWarnings(Statement statement) {
        try {
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                if (Restores.WARNING.equals(w.getSQLState())) {
                    ServerErrorMessage server = w instanceof PSQLWarning psql ? psql.getServerErrorMessage() : null;
                    warnings.accept(server != null && server.getMessage() != null ? server.getMessage()
                            : w.getMessage());
                }
            }
        } catch (SQLException e) {
            // The statement is closed or the connection gone: the failure that follows says more.
        }
    }

    /**
     * A statement that sends SQL as written, as psql does. With JDBC's escape processing on, the driver would rewrite
     * {@code {fn ...}}, {@code {d ...}} and the like outside quotes, and scan every statement for them (about 10 ms
     * of the main thread in a run of 300 migrations).
     */
    private Statement statement() throws SQLException {
        Statement statement = connection.createStatement();
        statement.setEscapeProcessing(false);
        running = statement;
        return statement;
    }

    /**
     * Logs statements about to go to the server together, at debug level, without the passwords they may carry: the
     * server runs them in order, so a failure (see {@link #loggedFailure}) says which of them ran.
     */
    private void logged(List<String> statements, String how) {
        if (Log.STATEMENTS.isDebugEnabled()) {
            Log.STATEMENTS.debug("{} statements sent together {}, run in order:", statements.size(), how);
            statements.forEach(this::logged);
        }
    }

    /**
     * Logs which of the statements logged last failed ({@code at} from 0, -1 when the server does not say), so that
     * the log does not read as if those after it ran. The server runs none of them after a failure.
     */
    private void loggedFailure(List<String> statements, int at, SQLException e) {
        loggedFailure(statements, at, -1, e);
    }

    /**
     * Like {@link #loggedFailure(List, int, SQLException)} for a script whose failed query starts at statement
     * {@code queryStart}: an error of the parser means that none of that query ran.
     */
    private void loggedFailure(List<String> statements, int at, int queryStart, SQLException e) {
        if (!Log.STATEMENTS.isDebugEnabled()) {
            return;
        }
        String error = e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")";
        if (at >= 0 && queryStart >= 0 && refusedByTheParser(e)) {
            int queryEnd = Math.min(queryStart + MOST_IN_QUERY, statements.size());
            Log.STATEMENTS.debug("Statement {} of the {} sent together failed{} as the server parsed its query, which "
                    + "it then refused whole: none of statements {} to {} ran{}", at + 1, statements.size(), error,
                    queryStart + 1, queryEnd, queryEnd == statements.size() ? ""
                            : ", nor the " + (statements.size() - queryEnd) + " after them");
            return;
        }
        if (at < 0) {
            Log.STATEMENTS.debug("One of the {} statements sent together failed{}; none after it ran",
                    statements.size(), error);
            return;
        }
        Log.STATEMENTS.debug("Statement {} of the {} sent together failed{}; the {} after it did not run", at + 1,
                statements.size(), error, statements.size() - at - 1);
    }

    private void logged(String sql) {
        if (Log.STATEMENTS.isDebugEnabled()) {
            Log.STATEMENTS.debug("{}", SecretsInSql.masked(sql, logged));
            logged.learn(sql);
        }
    }

    @Override
    public void begin() throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public void commit() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    @Override
    public void rollback() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    @Override
    public int execute(String sql) throws SQLException {
        logged(sql);
        try (Statement statement = statement()) {
            try {
                statement.execute(sql);
                return statement.getUpdateCount();
            } finally {
                passOnWarnings(statement);
            }
        } catch (SQLException e) {
            if (Log.STATEMENTS.isDebugEnabled()) {
                Log.STATEMENTS.debug("It failed{}", e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState()
                        + ")");
            }
            throw e;
        }
    }

    @Override
    public int[] executeBatch(List<String> statements) throws SQLException {
        if (statements.size() == 1) {
            try {
                return new int[] {execute(statements.get(0))};
            } catch (SQLException e) {
                // Named as a batch's failure is, or the caller could not tell the statement from its own rows.
                throw new BatchFailure(0, e);
            }
        }
        logged(statements, "as a batch");
        try (Statement statement = statement()) {
            for (String sql : statements) {
                statement.addBatch(sql);
            }
            try {
                return statement.executeBatch();
            } finally {
                passOnWarnings(statement);
            }
        } catch (BatchUpdateException e) {
            // The counts cover the statements that ran before the failed one; the server's own error is the next
            // exception (the batch's message only says which entry was aborted).
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            int failed = failedIndex(e, statements);
            loggedFailure(statements, failed, cause);
            throw new BatchFailure(failed, cause);
        }
    }

    /**
     * The failed statement's position. Counts shorter than the batch cover the statements that ran; inside a
     * transaction the driver marks every count failed (none of them stays) and names the entry in its message,
     * "Batch entry N ... was aborted", whose first number is the position.
     */
    private static int failedIndex(BatchUpdateException e, List<String> statements) {
        int[] counts = e.getUpdateCounts();
        if (counts != null && counts.length < statements.size()) {
            return counts.length;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher number = FIRST_NUMBER.matcher(message);
        if (number.find() && number.group().length() < 10) {
            int index = Integer.parseInt(number.group());
            if (index < statements.size() && message.contains(statements.get(index).strip())) {
                return index;
            }
        }
        // A translated message may put the number elsewhere: the statement's own text is in it too.
        for (int i = 0; i < statements.size(); i++) {
            if (message.contains(statements.get(i).strip())) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The driver sends a plain statement's batch with the extended protocol, one Sync at its end, unless told to
     * send plain statements as simple queries (preferQueryMode simple or extendedForPrepared), each of which the
     * server runs even after an earlier one failed.
     */
    @Override
    public boolean stopsBatchAtFirstError() {
        PreferQueryMode mode = queryMode();
        return mode == PreferQueryMode.EXTENDED || mode == PreferQueryMode.EXTENDED_CACHE_EVERYTHING;
    }

    /** Plain statements go as simple queries (preferQueryMode simple or extendedForPrepared). */
    @Override
    public boolean runsScripts() {
        PreferQueryMode mode = queryMode();
        return mode == PreferQueryMode.SIMPLE || mode == PreferQueryMode.EXTENDED_FOR_PREPARED;
    }

    /** How the driver sends statements; null when the connection is not the PostgreSQL driver's. */
    private PreferQueryMode queryMode() {
        try {
            return connection.unwrap(PGConnection.class).getPreferQueryMode();
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Sends the statements in queries of at most {@link #MOST_IN_QUERY}, one after another on this session, so that a
     * transaction the script opens spans its queries. After a failure the server runs no more of the failed query,
     * and none of the later ones is sent; the transaction the script is in, if any, is aborted.
     */
    @Override
    public void executeScript(List<String> statements) throws SQLException {
        logged(statements, statements.size() <= MOST_IN_QUERY ? "as one query"
                : "in queries of at most " + MOST_IN_QUERY);
        for (int start = 0; start < statements.size(); start += MOST_IN_QUERY) {
            List<String> query = statements.subList(start, Math.min(start + MOST_IN_QUERY, statements.size()));
            try (Statement statement = statement()) {
                try {
                    statement.execute(String.join(SCRIPT_SEPARATOR, query));
                } finally {
                    passOnWarnings(statement);
                }
            } catch (SQLException e) {
                failedScript = e;
                failedQueryStart = start;
                loggedFailure(statements, statementAt(statements, e), start, e);
                throw e;
            }
        }
    }

    /**
     * Whether the server's parser raised {@code e}: the server parses a query whole before it runs any of it. A syntax
     * error met later (in a function body it validates, or a statement a {@code DO} block runs) comes from elsewhere.
     */
    private static boolean refusedByTheParser(SQLException e) {
        ServerErrorMessage error = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return error != null && ("scan.l".equals(error.getFile()) || "gram.y".equals(error.getFile()));
    }

    /**
     * Maps the server's position (from 1, in characters) onto the script as {@link #executeScript} joined it: the
     * position counts from the start of the query that failed.
     */
    @Override
    public int statementAt(List<String> statements, SQLException e) {
        ServerErrorMessage error = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        int position = error == null ? 0 : error.getPosition();
        if (position <= 0) {
            return -1;
        }
        int first = e == failedScript ? failedQueryStart : 0;
        int last = Math.min(first + MOST_IN_QUERY, statements.size()) - 1;
        long end = 0;
        for (int i = first; i <= last; i++) {
            String sql = statements.get(i);
            // A position in the separator after a statement is the end of that statement (an unclosed parenthesis).
            end += sql.codePointCount(0, sql.length()) + SCRIPT_SEPARATOR.length();
            if (position <= end) {
                return i;
            }
        }
        // Past the end of the query ("syntax error at end of input"): only its last statement can have reached it.
        return last < first ? -1 : last;
    }

    /** Where statement {@code at} starts in the query of {@link #executeScript} that holds it. */
    @Override
    public int startOf(List<String> statements, int at) {
        int start = 0;
        for (String sql : statements.subList(at - at % MOST_IN_QUERY, at)) {
            start += sql.codePointCount(0, sql.length()) + SCRIPT_SEPARATOR.length();
        }
        return start;
    }

    @Override
    public List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = statement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Override
    public void cancel() throws SQLException {
        Statement statement = running;
        if (statement != null) {
            statement.cancel();
        }
    }

    @Override
    public void enterAutocommit() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void exitAutocommit() throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public boolean readOnlyConnection() {
        try {
            return connection.isReadOnly();
        } catch (SQLException e) {
            // A connection gone: the failure at hand says more.
            return false;
        }
    }
}
