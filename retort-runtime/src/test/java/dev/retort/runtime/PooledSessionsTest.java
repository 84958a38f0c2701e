package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.revision.Plan;
import dev.retort.script.MigrationLoader;
import dev.retort.script.ScriptDirectory;
import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose connections are not server sessions of their own, as a connection pooler in transaction mode hands
 * them out: refused before it takes a lock or changes anything. The pooler is played here by handles that share a
 * real PostgreSQL session, or that move from one session to another, as PgBouncer's clients do between transactions.
 */
class PooledSessionsTest {
    private static final String DATABASE = "postgresql://app@bouncer:6432/shop (from DATABASE_URL)";

    @TempDir
    Path dir;

    private String url;
    private final List<Connection> sessions = new ArrayList<>();

    @BeforeEach
    void database() throws IOException {
        url = TestPostgres.freshDatabase();
        Files.createDirectories(dir.resolve("versions"));
        Files.writeString(dir.resolve("versions/aaaaaaaaaaa1_users.sql"), "-- revision: aaaaaaaaaaa1\n"
                + "-- down_revision: none\n-- +upgrade\nCREATE TABLE users (id int);\n"
                + "-- +downgrade\nDROP TABLE users;\n");
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection session : sessions) {
            session.close();
        }
    }

    private Connection session() {
        try {
            Properties properties = new Properties();
            properties.setProperty("user", TestPostgres.USER);
            Connection session = new org.postgresql.Driver().connect(url, properties);
            sessions.add(session);
            return session;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's handle on whatever session {@code current} names when it sends something; closing it closes none. */
    private static Connection handle(Supplier<Connection> current) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(current.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * A client's handle on {@code first} until it prepared a statement that contains {@code text}, then on
     * {@code second}, as a busy pool hands the next transaction to another session.
     */
    private static Connection moving(Connection first, String text, Connection second) {
        Connection[] current = {first};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    Object result;
                    try {
                        result = method.invoke(current[0], args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).contains(text)) {
                        current[0] = second;
                    }
                    return result;
                });
    }

    /** Hands out the connections {@code handles} makes, the n-th call's for the n-th connection. */
    private static ConnectionSource pool(Function<Integer, Connection> handles) {
        return new ConnectionSource() {
            private int opened;

            @Override
            public Connection open() {
                return handles.apply(opened++);
            }

            @Override
            public String describe() {
                return DATABASE;
            }
        };
    }

    private Plan upgrade(ConnectionSource db) {
        return upgrade(db, RunListener.NONE);
    }

    private Plan upgrade(ConnectionSource db, RunListener listener) {
        ScriptDirectory scripts = ScriptDirectory.load(dir.resolve("versions"));
        Runner runner = new Runner(scripts, new MigrationLoader(new PostgresDialect(), dir.resolve("cache")),
                new PostgresDialect(), new RunOptions("retort_version", Optional.empty(), true, "5s", "0", 0, false,
                        Optional.empty()), listener);
        return runner.run(db, state -> scripts.map().upgradePlan(state.heads(), "head"));
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = session(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void assertNothingChanged() throws SQLException {
        assertThat(query("SELECT to_regclass('retort_version')::text")).containsOnlyNulls();
        assertThat(query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .containsExactly("0");
    }

    @Test
    void directConnectionsRun() throws SQLException {
        assertThat(upgrade(pool(n -> session())).steps()).hasSize(1);
        assertThat(query("SELECT version_num FROM retort_version")).containsExactly("aaaaaaaaaaa1");
    }

    @Test
    void twoConnectionsServedByOneSessionAreRefused() throws SQLException {
        Connection shared = session();
        assertThatThrownBy(() -> upgrade(pool(n -> handle(() -> shared))))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Retort's connections to " + DATABASE + " are not sessions of their own "
                        + "(server process ")
                .hasMessageContaining(" served two of them in turn): a connection pooler in transaction or statement "
                        + "mode (PgBouncer's pool_mode = transaction) stands in between, where the lock that keeps two "
                        + "runs apart, and the settings of a run's session, would pass to other clients. Nothing was "
                        + "changed; connect Retort to PostgreSQL directly, or through a pool in session mode.");
        assertNothingChanged();
    }

    @Test
    void aSessionHandedOverWithRetortsLockIsRefused() throws SQLException {
        Connection left = session();
        try (Statement s = left.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + AdvisoryLock.keyFor("retort_version") + ")");
        }
        assertThatThrownBy(() -> upgrade(pool(n -> n == 0 ? session() : handle(() -> left))))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining(" held a lock of Retort's when Retort was given it): a connection pooler");
        try (Statement s = left.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
        }
        assertNothingChanged();
    }

    @Test
    void aConnectionThatMovesToAnotherSessionIsRefusedBeforeItsFirstStep() throws SQLException {
        // The run's connection is served by one session until it is checked, then by another.
        Connection moving = moving(session(), "FROM pg_locks", session());
        assertThatThrownBy(() -> upgrade(pool(n -> n == 0 ? moving : session()), RunListener.NONE))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining(" are not sessions of their own (one of them went from server process ");
        assertNothingChanged();
    }

    /**
     * A busy pool may hand out sessions that pass the checks; letting go of a lock the run's session no longer holds
     * shows it then, and the run warns of what the pool may keep.
     */
    @Test
    void aLockThatIsNotWhereItWasTakenIsWarnedOfAfterTheRun() throws SQLException {
        Connection moving = moving(session(), "pg_try_advisory_lock", session());
        List<String> warnings = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
        assertThat(upgrade(pool(n -> n == 0 ? session() : moving), listener).steps()).hasSize(1);
        assertThat(warnings).containsExactly("Retort's connections to " + DATABASE + " were not sessions of their own "
                + "(a lock of the run was not in the server session that took it, which keeps it): a connection pooler "
                + "in transaction or statement mode (PgBouncer's pool_mode = transaction) stands in between. That "
                + "session may keep the lock, and the run's settings (lock_timeout, statement_timeout), for later runs "
                + "and the application's transactions: reconnect the pool's server connections (PgBouncer: RECONNECT "
                + "on its admin console), and connect Retort to PostgreSQL directly, or through a pool in session "
                + "mode.");
    }

    @Test
    void directConnectionsLeaveNoLockAndNoWarning() throws SQLException {
        List<String> warnings = new ArrayList<>();
        Connection main = session();
        upgrade(pool(n -> n == 0 ? handle(() -> main) : session()), new RunListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        assertThat(warnings).isEmpty();
        // The run's own session, still open here, let go of its work lock too.
        assertThat(query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .containsExactly("0");
    }
}
