package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.testkit.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * A script of many statements goes to the server in queries of a bounded size, since the driver reads a query's
 * results in time that grows with the square of its statements; a transaction the script opens spans its queries.
 */
class ScriptQueriesTest {
    private static final int ROWS = 2 * JdbcTarget.MOST_IN_QUERY + 500;
    private Connection session;
    /** The statements of each query the target sent, in order. */
    private final List<Integer> queries = new ArrayList<>();
    private JdbcTarget target;

    @BeforeEach
    void open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestPostgres.USER);
        // As Retort connects: plain statements go as simple queries.
        properties.setProperty("preferQueryMode", "extendedForPrepared");
        session = new org.postgresql.Driver().connect(TestPostgres.freshDatabase(), properties);
        target = new JdbcTarget(counting(session));
    }

    @AfterEach
    void close() throws SQLException {
        session.close();
    }

    /** {@code connection}, counting the statements of each query its statements send. */
    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoked(connection, method, args);
                    if (!method.getName().equals("createStatement")) {
                        return result;
                    }
                    Statement statement = (Statement) result;
                    return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                            (p, m, a) -> {
                                if (m.getName().equals("execute")) {
                                    queries.add(((String) a[0]).split("\n;\n").length);
                                }
                                return invoked(statement, m, a);
                            });
                });
    }

    private static Object invoked(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A transaction that creates table {@code big} with {@link #ROWS} rows, and {@code broken} for row {@code at}. */
    private static List<String> script(int at, String broken) {
        List<String> statements = new ArrayList<>(List.of("BEGIN", "CREATE TABLE big (id int, s text)"));
        for (int i = 1; i <= ROWS; i++) {
            statements.add(i == at ? broken : "INSERT INTO big VALUES (" + i + ", 'row " + i + "')");
        }
        statements.add("COMMIT");
        return statements;
    }

    @Test
    void aScriptOfManyStatementsGoesInQueriesOfBoundedSizeAndCommitsWhole() throws SQLException {
        target.executeScript(script(0, null));

        assertThat(queries).hasSizeGreaterThanOrEqualTo(3).allSatisfy(n -> assertThat(n)
                .isLessThanOrEqualTo(JdbcTarget.MOST_IN_QUERY));
        assertThat(queries.stream().mapToInt(Integer::intValue).sum()).isEqualTo(ROWS + 3);
        assertThat(target.query("SELECT count(*) FROM big")).containsExactly(String.valueOf(ROWS));
    }

    @Test
    void aFailureInALaterQueryRollsBackTheEarlierOnesAndIsPlacedOnItsStatement() throws SQLException {
        List<String> statements = script(ROWS - 10, "INSERT INTO no_such_table VALUES (1)");

        PSQLException e = catchThrowableOfType(PSQLException.class, () -> target.executeScript(statements));
        target.execute("ROLLBACK");

        assertThat(queries).hasSizeGreaterThanOrEqualTo(3);
        assertThat(target.query("SELECT count(*) FROM pg_class WHERE relname = 'big'")).containsExactly("0");
        int at = target.statementAt(statements, e);
        assertThat(at).isEqualTo(ROWS - 10 + 1);
        // The server's position, from 1, falls on the table's name in the statement.
        int column = e.getServerErrorMessage().getPosition() - 1 - target.startOf(statements, at);
        assertThat(statements.get(at).substring(column)).startsWith("no_such_table");
    }

    @Test
    void aSyntaxErrorAtTheEndOfALaterQueryIsPlacedOnItsLastStatement() throws SQLException {
        int last = 2 * JdbcTarget.MOST_IN_QUERY - 1;
        List<String> statements = script(last - 1, "INSERT INTO big VALUES (1, 'unclosed'");

        PSQLException e = catchThrowableOfType(PSQLException.class, () -> target.executeScript(statements));
        target.execute("ROLLBACK");

        assertThat(target.statementAt(statements, e)).isEqualTo(last);
        assertThat(target.query("SELECT count(*) FROM pg_class WHERE relname = 'big'")).containsExactly("0");
    }
}
