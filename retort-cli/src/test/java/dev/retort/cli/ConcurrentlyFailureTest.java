package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code CREATE UNIQUE INDEX CONCURRENTLY} that fails halfway, over duplicate rows: it cannot roll back, so
 * PostgreSQL keeps an invalid index. The run must not leave it silently, {@code retort current} must explain
 * what stayed, and a rerun after fixing the data (or a downgrade) must recover.
 */
class ConcurrentlyFailureTest {
    private static final String TABLE = "aaaaaaaaaaa1";
    private static final String INDEX = "aaaaaaaaaaa2";

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void accountsWithDuplicateEmails() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql(TABLE, "none", "accounts",
                "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n"
                        + "INSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 2000) g;\n"
                        + "INSERT INTO accounts VALUES (2001, 'user7@example.com');",
                "DROP TABLE accounts;");
    }

    /** A revision that adds a column, then builds a unique index concurrently, which the duplicate emails fail. */
    private void columnThenUniqueIndex() {
        cli.sql(INDEX, TABLE, "unique email",
                "ALTER TABLE accounts ADD COLUMN IF NOT EXISTS verified boolean;\n"
                        + "-- +autocommit\nCREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON accounts (email);\n"
                        + "-- +end-autocommit",
                "-- +autocommit\nDROP INDEX CONCURRENTLY IF EXISTS ux_accounts_email;\n-- +end-autocommit\n"
                        + "ALTER TABLE accounts DROP COLUMN IF EXISTS verified;");
    }

    private void deleteMigration(String id) {
        try (var files = Files.list(dir.resolve("migrations/versions"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(id)).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The revision that builds the unique index on {@code accounts.email}, with the steps given. */
    private void writeUniqueEmail(String upgrade, String downgrade) {
        cli.write("migrations/versions/" + INDEX + "_unique_email.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "INDEX", down = "TABLE", message = "unique email")
                class UniqueEmail implements Migration {
                    public void upgrade(Operations op) {
                        UPGRADE
                    }
                    public void downgrade(Operations op) {
                        DOWNGRADE
                    }
                }
                """.replace("INDEX", INDEX).replace("TABLE", TABLE).replace("UPGRADE", upgrade)
                .replace("DOWNGRADE", downgrade));
    }

    private String invalidIndexes() {
        return String.join(",", cli.column("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE NOT i.indisvalid ORDER BY 1"));
    }

    @Test
    void aFailedConcurrentBuildLeavesNoInvalidIndexAndARerunAfterTheFixSucceeds() {
        cli.sql(INDEX, TABLE, "unique email",
                "-- +autocommit\nCREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON accounts (email);\n-- +end-autocommit",
                "-- +autocommit\nDROP INDEX CONCURRENTLY IF EXISTS ux_accounts_email;\n-- +end-autocommit");

        Cli.Result failed = cli.run("upgrade", "head");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        String error = failed.err().lines().filter(l -> l.startsWith("retort: ")).findFirst().orElseThrow();
        assertThat(error).contains("Upgrade of revision " + INDEX, "could not create unique index \"ux_accounts_email\"",
                "the database stays at " + TABLE, "invalid index public.ux_accounts_email behind; Retort dropped it");
        assertThat(failed.err()).doesNotContain("\tat ");
        assertThat(invalidIndexes()).isEmpty();
        assertThat(cli.versions()).containsExactly(TABLE);
        Cli.Result current = cli.ok("current");
        assertThat(current.out()).startsWith(TABLE);
        assertThat(current.err()).isEmpty();

        cli.execute("DELETE FROM accounts WHERE id = 2001");
        cli.ok("upgrade", "head");
        assertThat(cli.versions()).containsExactly(INDEX);
        assertThat(cli.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ux_accounts_email'::regclass"))
                .containsExactly("true");

        cli.ok("downgrade", "-1");
        assertThat(cli.versions()).containsExactly(TABLE);
        assertThat(cli.column("SELECT to_regclass('ux_accounts_email')::text")).containsOnlyNulls();
    }

    /**
     * The same build in a script of {@code upgrade --sql}, written with the operations API, on its own and in an
     * autocommit block. No run is there to drop the invalid index the failure leaves, so the script drops it, when it
     * is there and invalid, before it builds the index: the script runs again once the data is fixed, rather than
     * fail with "already exists".
     */
    @ParameterizedTest
    @ValueSource(strings = {"op.createIndex(\"ux_accounts_email\", \"accounts\", \"email\").unique().concurrently();",
            "op.autocommit(() -> op.createIndex(\"ux_accounts_email\", \"accounts\", \"email\").unique()"
                    + ".concurrently());"})
    void aPrintedConcurrentBuildThatFailedRunsAgainOnceTheDataIsFixed(String upgrade) {
        cli.ok("upgrade", TABLE);
        writeUniqueEmail(upgrade, "op.dropIndex(\"ux_accounts_email\").concurrently();");
        String script = cli.ok("upgrade", "--sql", TABLE + ":head").out();

        assertThat(cli.runStoppingAtFirstError(script)).contains("could not create unique index \"ux_accounts_email\"");
        assertThat(invalidIndexes()).isEqualTo("ux_accounts_email");
        cli.execute("DELETE FROM accounts WHERE id = 2001");

        assertThat(cli.runStoppingAtFirstError(script)).isNull();
        assertThat(cli.versions()).containsExactly(INDEX);
        assertThat(invalidIndexes()).isEmpty();
        assertThat(cli.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ux_accounts_email'::regclass"))
                .containsExactly("true");
    }

    /**
     * A run killed during a concurrent build leaves its invalid index, which no run could drop. Run again, a build the
     * operations API wrote drops it first, as the printed script does: otherwise the build fails with "already exists"
     * or, written {@code IF NOT EXISTS}, keeps the invalid index while the revision is recorded as applied.
     */
    @ParameterizedTest
    @ValueSource(strings = {"op.createIndex(\"ux_accounts_email\", \"accounts\", \"email\").unique().concurrently()"
            + ".ifNotExists();",
            "op.createIndex(\"ux_accounts_email\", \"accounts\", \"email\").unique().concurrently();",
            "op.autocommit(() -> op.createIndex(\"ux_accounts_email\", \"accounts\", \"email\").unique()"
                    + ".concurrently().ifNotExists());"})
    void aRunBuildsAfreshAnIndexThatAKilledBuildLeftInvalid(String upgrade) {
        cli.ok("upgrade", TABLE);
        writeUniqueEmail(upgrade, "op.dropIndex(\"ux_accounts_email\").concurrently().ifExists();");
        try {
            cli.execute("CREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON accounts (email)");
        } catch (IllegalStateException expected) {
            // the duplicate makes the build fail, leaving the index invalid as a killed build does
        }
        assertThat(invalidIndexes()).isEqualTo("ux_accounts_email");
        cli.execute("DELETE FROM accounts WHERE id = 2001");

        cli.ok("upgrade", "head");

        assertThat(cli.versions()).containsExactly(INDEX);
        assertThat(invalidIndexes()).isEmpty();
        assertThat(cli.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ux_accounts_email'::regclass"))
                .containsExactly("true");
        assertThat(cli.ok("current").err()).isEmpty();
    }

    /**
     * The same for a concurrent build written by hand in a SQL migration: a run killed during it left the index
     * invalid, and run again, {@code IF NOT EXISTS} kept the invalid index and recorded the revision as applied, and
     * without it the build failed with "already exists".
     */
    @ParameterizedTest
    @ValueSource(strings = {"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux_accounts_email ON accounts (email);",
            "-- the build\nCREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON public.accounts (email);",
            "create unique index concurrently if not exists UX_Accounts_Email on \"accounts\"(email);"})
    void aRunBuildsAfreshAnIndexThatAKilledBuildWrittenInSqlLeftInvalid(String build) {
        cli.sql(INDEX, TABLE, "unique email", "-- +autocommit\n" + build + "\n-- +end-autocommit",
                "-- +autocommit\nDROP INDEX CONCURRENTLY IF EXISTS ux_accounts_email;\n-- +end-autocommit");
        cli.ok("upgrade", TABLE);
        try {
            cli.execute("CREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON accounts (email)");
        } catch (IllegalStateException expected) {
            // the duplicate makes the build fail, leaving the index invalid as a killed build does
        }
        cli.execute("DELETE FROM accounts WHERE id = 2001");

        cli.ok("upgrade", "head");

        assertThat(cli.versions()).containsExactly(INDEX);
        assertThat(invalidIndexes()).isEmpty();
        assertThat(cli.ok("current").err()).isEmpty();
    }

    /** A printed script drops the invalid index of that name before a build written in SQL, as before an API one. */
    @Test
    void aPrintedConcurrentBuildWrittenInSqlRunsAgainOnceTheDataIsFixed() {
        cli.sql(INDEX, TABLE, "unique email", "-- +autocommit\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "
                        + "ux_accounts_email ON accounts (email);\n-- +end-autocommit",
                "-- +autocommit\nDROP INDEX CONCURRENTLY IF EXISTS ux_accounts_email;\n-- +end-autocommit");
        cli.ok("upgrade", TABLE);
        String script = cli.ok("upgrade", "--sql", TABLE + ":head").out();
        assertThat(cli.runStoppingAtFirstError(script)).contains("could not create unique index \"ux_accounts_email\"");
        cli.execute("DELETE FROM accounts WHERE id = 2001");

        assertThat(cli.runStoppingAtFirstError(script)).isNull();

        assertThat(cli.versions()).containsExactly(INDEX);
        assertThat(invalidIndexes()).isEmpty();
    }

    @Test
    void whatTheAutocommitPartCommittedIsReportedByCurrentUntilARerunCompletesIt() {
        // The column is added in the transaction that entering the block commits; the build then fails.
        columnThenUniqueIndex();

        Cli.Result failed = cli.run("upgrade", "head");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("rolled back except 1 statement(s) committed by its autocommit part",
                "ALTER TABLE accounts ADD COLUMN IF NOT EXISTS verified boolean", "Retort dropped it");
        assertThat(invalidIndexes()).isEmpty();
        assertThat(cli.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts' "
                + "AND column_name = 'verified'")).containsExactly("verified");

        Cli.Result current = cli.ok("current");
        assertThat(current.out()).startsWith(TABLE);
        assertThat(current.err()).contains("warning: Revision " + INDEX + " is partly applied", "IF NOT EXISTS");
        Cli.Result stillFailing = cli.run("upgrade", "head");
        assertThat(stillFailing.exitCode()).isEqualTo(1);
        assertThat(stillFailing.err()).contains("warning: Revision " + INDEX + " is partly applied");

        cli.execute("DELETE FROM accounts WHERE id = 2001");
        cli.ok("upgrade", "head");
        assertThat(cli.versions()).containsExactly(INDEX);
        assertThat(cli.ok("current").err()).isEmpty();
        cli.ok("downgrade", TABLE);
        assertThat(cli.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts' "
                + "AND column_name = 'verified'")).isEmpty();
    }

    @Test
    void anInvalidIndexLeftByAnotherFailureIsExplainedAndTheDowngradeRecovers() {
        // As when the connection is lost mid-build: the run cannot drop what PostgreSQL left.
        cli.sql(INDEX, TABLE, "unique email",
                "-- +autocommit\nCREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON accounts (email);\n-- +end-autocommit",
                "-- +autocommit\nDROP INDEX CONCURRENTLY IF EXISTS ux_accounts_email;\n-- +end-autocommit");
        cli.ok("upgrade", TABLE);
        try {
            cli.execute("CREATE UNIQUE INDEX CONCURRENTLY ux_accounts_email ON accounts (email)");
        } catch (IllegalStateException expected) {
            // the duplicate makes the build fail, leaving the index invalid
        }
        assertThat(invalidIndexes()).isEqualTo("ux_accounts_email");

        Cli.Result current = cli.ok("current");
        assertThat(current.err()).contains("warning: Index public.ux_accounts_email is invalid",
                "`DROP INDEX CONCURRENTLY public.ux_accounts_email`");
        Cli.Result rerun = cli.run("upgrade", "head");
        assertThat(rerun.exitCode()).isEqualTo(1);
        // The build starts afresh, and fails on the duplicate again, not on the invalid index's name.
        assertThat(rerun.err()).contains("warning: Index public.ux_accounts_email is invalid",
                "could not create unique index").doesNotContain("already exists");

        // Stamping the revision lets its downgrade, which drops the index if it exists, clean up.
        cli.ok("stamp", INDEX);
        cli.ok("downgrade", TABLE);
        assertThat(invalidIndexes()).isEmpty();
        cli.execute("DELETE FROM accounts WHERE id = 2001");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("current").err()).isEmpty();
    }

    /**
     * A {@code DROP INDEX CONCURRENTLY} that was interrupted (a downgrade stopped while the drop waited for the
     * table's transactions) leaves an invalid index as a failed build does: the warning says either may have, and to
     * run the upgrade or the downgrade again. It must not have the index dropped first whatever the step: the
     * downgrade still has to drop it, and without {@code IF EXISTS} fails once it is gone.
     */
    @Test
    void anInvalidIndexLeftByAnInterruptedDropIsExplainedWithoutNamingABuild() throws SQLException {
        cli.sql(INDEX, TABLE, "email index",
                "-- +autocommit\nCREATE INDEX CONCURRENTLY ix_accounts_email ON accounts (email);\n-- +end-autocommit",
                "-- +autocommit\nDROP INDEX CONCURRENTLY ix_accounts_email;\n-- +end-autocommit");
        cli.ok("upgrade", "head");
        try (Connection reader = cli.connect(); Statement read = reader.createStatement();
                Connection dropper = cli.connect(); Statement drop = dropper.createStatement()) {
            reader.setAutoCommit(false);
            read.execute("SELECT count(*) FROM accounts");
            drop.execute("SET statement_timeout = '500ms'");
            try {
                drop.execute("DROP INDEX CONCURRENTLY ix_accounts_email");
            } catch (SQLException expected) {
                // Cancelled while it waited for the reader's transaction, after it had marked the index invalid.
            }
        }
        assertThat(invalidIndexes()).isEqualTo("ix_accounts_email");

        Cli.Result current = cli.ok("current");

        assertThat(current.err()).contains("warning: Index public.ix_accounts_email is invalid: a concurrent build or "
                + "drop of it (CREATE or DROP INDEX CONCURRENTLY) failed or was interrupted, or is still running",
                "run the upgrade or downgrade again: a step that drops the index drops it",
                "one that builds it concurrently (with the operations API or in SQL) drops the invalid index first",
                "`DROP INDEX CONCURRENTLY public.ix_accounts_email`")
                .doesNotContain("a CREATE INDEX CONCURRENTLY failed");
        cli.ok("downgrade", TABLE);
        assertThat(cli.column("SELECT to_regclass('ix_accounts_email')::text")).containsOnlyNulls();
        assertThat(cli.ok("current").err()).isEmpty();
    }

    @Test
    void aPartlyAppliedRevisionIsLetGoByAStampOfItOrByAPurge() {
        columnThenUniqueIndex();
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        assertThat(cli.ok("current").err()).contains("is partly applied", "`retort stamp " + INDEX + "`");

        // Finished by hand, then stamped: the warning ends, and the history says it was stamped.
        cli.execute("DELETE FROM accounts WHERE id = 2001");
        cli.execute("CREATE UNIQUE INDEX ux_accounts_email ON accounts (email)");
        cli.ok("stamp", INDEX);
        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.column("SELECT direction FROM retort_history WHERE revision = '" + INDEX + "' ORDER BY id"))
                .containsExactly("partial", "stamp");

        // Failed again, then given up: undone by hand, the file deleted, and the table purged at the revision before.
        cli.ok("stamp", TABLE);
        cli.execute("DROP INDEX ux_accounts_email");
        cli.execute("INSERT INTO accounts (id, email) SELECT 2001, email FROM accounts WHERE id <> 2001 LIMIT 1");
        assertThat(cli.run("upgrade", "head").exitCode()).isEqualTo(1);
        cli.execute("ALTER TABLE accounts DROP COLUMN verified");
        deleteMigration(INDEX);
        assertThat(cli.ok("current").err()).contains("Revision " + INDEX + " is partly applied");
        cli.ok("stamp", "--purge", TABLE);
        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.versions()).containsExactly(TABLE);
    }

    /**
     * On a database at two heads, the purge that lets a partly applied revision go must name both: a purge to one of
     * them would drop the other branch from the version table, and the next upgrade would run it again over its tables.
     */
    @Test
    void thePurgeAdviceOnTwoHeadsNamesBoth() {
        cli.sql("bbbbbbbbbbb1", "none", "billing", "CREATE TABLE invoices (id int);", "DROP TABLE invoices;");
        cli.ok("upgrade", "heads");
        columnThenUniqueIndex();
        assertThat(cli.run("upgrade", INDEX).exitCode()).isEqualTo(1);

        String advice = "`retort stamp --purge " + TABLE + " bbbbbbbbbbb1` (the revisions the database is at)";
        assertThat(cli.ok("current").err()).contains(advice);
        cli.execute("ALTER TABLE accounts DROP COLUMN verified");
        deleteMigration(INDEX);
        cli.ok("stamp", "--purge", TABLE, "bbbbbbbbbbb1");
        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.versions()).containsExactlyInAnyOrder(TABLE, "bbbbbbbbbbb1");
        assertThat(cli.ok("upgrade", "heads").err()).doesNotContain("invoices");
    }
}
