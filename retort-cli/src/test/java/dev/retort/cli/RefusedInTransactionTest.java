package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.dialect.NonTransactional;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement PostgreSQL refuses inside a transaction block, in a revision's transaction, is refused when the run is
 * planned: a run of several revisions used to apply those before it and stop there.
 */
class RefusedInTransactionTest {
    @TempDir
    Path dir;

    /** What the check names must really be refused, or it would stop migrations that run. */
    @Test
    void everyStatementTheCheckNamesIsOnePostgresqlRefusesInATransactionBlock() throws SQLException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> refused = List.of("VACUUM t", "VACUUM (ANALYZE) t", "CREATE INDEX CONCURRENTLY ix ON t (a)",
                "CREATE UNIQUE INDEX CONCURRENTLY ix ON t (a)", "DROP INDEX CONCURRENTLY ix_t",
                "REINDEX TABLE CONCURRENTLY t", "REINDEX (VERBOSE) INDEX CONCURRENTLY ix_t",
                "REINDEX (CONCURRENTLY) TABLE t", "REINDEX (VERBOSE, CONCURRENTLY true) INDEX ix_t",
                "REINDEX SCHEMA public", "REINDEX DATABASE nowhere", "REINDEX SYSTEM nowhere",
                "CREATE DATABASE nowhere", "DROP DATABASE nowhere", "CREATE TABLESPACE nowhere LOCATION '/nowhere'",
                "DROP TABLESPACE nowhere",
                "ALTER SYSTEM SET work_mem = '64MB'", "ALTER DATABASE nowhere SET TABLESPACE pg_default",
                "ALTER TABLE p DETACH PARTITION p_1 CONCURRENTLY", "CLUSTER", "CLUSTER VERBOSE", "DISCARD ALL");
        try (Connection c = cli.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a int); CREATE INDEX ix_t ON t (a); CREATE TABLE p (a int) PARTITION BY "
                    + "RANGE (a); CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (0) TO (10)");
            c.setAutoCommit(false);
            for (String sql : refused) {
                assertThat(NonTransactional.statement(sql)).as(sql).isNotNull();
                SQLException e = catchThrowableOfType(() -> s.execute(sql), SQLException.class);
                String state = e == null ? "none (it ran)" : e.getSQLState() + " " + e.getMessage();
                assertThat(state).as(sql).startsWith("25001");
                c.rollback();
            }
        }
    }

    @Test
    void aRunIsRefusedBeforeItsFirstRevisionWithTheFileLineAndWhatToDo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "table", "CREATE TABLE t (id int);", "DROP TABLE t;");
        cli.sql("b00000000002", "a00000000001", "index", "ALTER TABLE t ADD COLUMN v int;\n"
                + "CREATE INDEX CONCURRENTLY ix_t_v ON t (v);", "DROP INDEX ix_t_v;");

        Cli.Result sql = cli.run("upgrade", "head");

        assertThat(sql.exitCode()).as(sql.toString()).isEqualTo(1);
        assertThat(sql.err()).contains("b00000000002_index.sql, line 6: CREATE INDEX CONCURRENTLY cannot run inside a "
                + "transaction block, and Retort runs the revision's statements in one; put it between "
                + "'-- +autocommit' and '-- +end-autocommit' lines to run it outside.");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t")).isFalse();
        assertThat(cli.run("upgrade", "head", "--sql").err()).contains("b00000000002_index.sql, line 6: CREATE "
                + "INDEX CONCURRENTLY cannot run");
        assertThat(cli.run("lint").out()).contains("b00000000002_index.sql:6: error RT120 runs CREATE INDEX "
                + "CONCURRENTLY in the migration's transaction");

        cli.sql("b00000000002", "a00000000001", "index", "ALTER TABLE t ADD COLUMN v int;\n-- +autocommit\n"
                + "CREATE INDEX CONCURRENTLY ix_t_v ON t (v);\n-- +end-autocommit", "DROP INDEX ix_t_v;");
        cli.ok("upgrade", "head");
        assertThat(cli.versions()).containsExactly("b00000000002");
    }

    @Test
    void lintFindsWhatTheDowngradeWouldBeRefused() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        String upgrade = "CREATE TABLE t (id int);\n-- +autocommit\nCREATE INDEX CONCURRENTLY ix_t ON t (id);\n"
                + "-- +end-autocommit";
        cli.sql("a00000000001", "none", "index", upgrade, "DROP INDEX CONCURRENTLY ix_t;\nDROP TABLE t;");

        assertThat(cli.run("lint").out()).contains("a00000000001_index.sql:10: error RT120 its downgrade runs DROP "
                + "INDEX CONCURRENTLY in the migration's transaction");

        cli.sql("a00000000001", "none", "index", upgrade,
                "-- +autocommit\nDROP INDEX CONCURRENTLY ix_t;\n-- +end-autocommit\nDROP TABLE t;");
        assertThat(cli.run("lint").out()).doesNotContain("RT120");
    }

    @Test
    void aDoBlockThatRunsSuchAStatementIsToldToLeaveItNotToUseAnAutocommitBlock() {
        // PostgreSQL refuses it in a DO block whatever the transaction: the autocommit block around it did not help.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "index", "CREATE TABLE t (id int);\n-- +autocommit\n"
                + "DO $$ BEGIN EXECUTE 'CREATE INDEX CONCURRENTLY ix_t ON t (id)'; END $$;\n-- +end-autocommit",
                "DROP TABLE t;");

        Cli.Result run = cli.run("upgrade", "head");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("PostgreSQL refuses it inside a DO block or a function, in or out of a "
                + "transaction: run it as a statement of its own, between '-- +autocommit' and '-- +end-autocommit' "
                + "lines.").doesNotContain("Run the statement outside the migration's transaction");
    }

    @Test
    void aJavaExecuteIsRefusedWithTheLineOfItsCall() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.write("migrations/versions/b00000000002_vacuum.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "b00000000002", down = "a00000000001", message = "vacuum")
                class Vacuum_b00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE big (id int)");
                        op.execute("VACUUM ANALYZE big");
                        op.autocommit(() -> op.execute("VACUUM big"));
                    }
                    public void downgrade(Operations op) {
                        op.execute("DROP TABLE big");
                    }
                }
                """);

        Cli.Result java = cli.run("upgrade", "head");

        assertThat(java.exitCode()).as(java.toString()).isEqualTo(1);
        assertThat(java.err()).contains("b00000000002_vacuum.java:9, upgrade(): VACUUM cannot run inside a "
                + "transaction block, and Retort runs the revision's statements in one; put it inside "
                + "op.autocommit(() -> ...) to run it outside.");
        assertThat(cli.versions()).isEmpty();
    }
}
