package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement cancelled by statement_timeout names the setting and where it comes from; one cancelled by someone
 * (the same SQLSTATE, 57014) is not blamed on it.
 */
class StatementTimeoutTest {
    @TempDir
    Path dir;

    private Cli withSlowMigration(String upgrade) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE t (id int);", "DROP TABLE t;");
        cli.ok("upgrade", "head");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "slow", upgrade, "SELECT 1;");
        return cli;
    }

    @Test
    void theTimeoutOfRetortTomlIsNamedWithWhatToDo() {
        Cli cli = withSlowMigration("INSERT INTO t VALUES (1);\nSELECT pg_sleep(5);");
        cli.write("retort.toml", "statement_timeout = \"300ms\"\n");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("failed at statement `SELECT pg_sleep(5)`: ERROR: canceling statement due to "
                + "statement timeout. It ran longer than statement_timeout: retort.toml sets it to 300ms for the run; "
                + "raise it there (\"0\" for none), or SET statement_timeout in the migration before the statement "
                + "that needs longer. The revision was rolled back; the database stays at aaaaaaaaaaa1.");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    /** retort.toml sets none, over the user's and the database's: the migration set the one that ended it. */
    @Test
    void aTimeoutTheMigrationSetsIsNamedAsItsOwn() {
        Cli cli = withSlowMigration("SET statement_timeout = '200ms';\nSELECT pg_sleep(5);");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("canceling statement due to statement timeout. It ran longer than "
                + "statement_timeout: the migration sets it to 200ms; raise or remove it there.");
    }

    /** The migration's timeout is in force over retort.toml's: the message names it, not the run's. */
    @Test
    void aTimeoutTheMigrationSetsOverRetortTomlsIsTheOneNamed() {
        Cli cli = withSlowMigration("SET statement_timeout = '200ms';\nSELECT pg_sleep(5);");
        cli.write("retort.toml", "statement_timeout = \"30s\"\n");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("canceling statement due to statement timeout. It ran longer than "
                + "statement_timeout: the migration sets it to 200ms, over the run's 30s from "
                + "retort.toml; raise or remove it there.").doesNotContain("retort.toml sets it");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    @Test
    void aStatementSomeoneCancelsIsNotBlamedOnTheTimeout() throws Exception {
        Cli cli = withSlowMigration("SELECT pg_sleep(30);");
        cli.write("retort.toml", "statement_timeout = \"60s\"\n");
        CompletableFuture<Void> cancelled = CompletableFuture.runAsync(() -> {
            try (Connection c = cli.connect(); Statement s = c.createStatement()) {
                for (int i = 0; i < 200; i++) {
                    try (ResultSet rs = s.executeQuery("SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                            + "WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid() "
                            + "AND datname = current_database() AND state = 'active'")) {
                        if (rs.next()) {
                            return;
                        }
                    }
                    Thread.sleep(50);
                }
                throw new IllegalStateException("the migration's statement never ran");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Cli.Result r = cli.run("upgrade", "head");
        cancelled.get(20, TimeUnit.SECONDS);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR: canceling statement due to user request. Someone cancelled it "
                + "(pg_cancel_backend), not a timeout; run the command again when it should go on.")
                .doesNotContain("statement_timeout");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }
}
