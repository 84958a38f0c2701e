package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quick steps go to the server in groups, several transactions in one batch: a failure inside a group still
 * keeps the steps before it, rolls back its own step, runs none after it, and names its statement.
 */
class StepGroupTest {
    @TempDir
    Path dir;

    /** Steps 1..n, each creating t_i and logging itself; step {@code broken} also runs {@code extra}. */
    private static List<String> steps(Cli cli, int n, int broken, String extra) {
        List<String> ids = new ArrayList<>();
        String down = "none";
        for (int i = 1; i <= n; i++) {
            String id = String.format("%012x", 0xa00000000000L + i);
            cli.sql(id, down, "step " + i, "CREATE TABLE t_" + i + " (id int);\nINSERT INTO applied_log VALUES ('" + id
                    + "');" + (i == broken ? "\n" + extra : ""), "DROP TABLE t_" + i + ";");
            ids.add(id);
            down = id;
        }
        cli.execute("CREATE TABLE applied_log (rev text)");
        return ids;
    }

    @Test
    void aFailureInsideAGroupKeepsTheStepsBeforeItAndRunsNoneAfterIt() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        // Groups of 1, 2, 4, 8 and 16 steps: step 25 is the tenth of the fifth group.
        List<String> ids = steps(cli, 40, 25, "ALTER TABLE no_such_table ADD COLUMN x int;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
        assertThat(error).contains("Upgrade of revision " + ids.get(24))
                .contains(ids.get(24) + "_step_25.sql, line 7")
                .contains("ALTER TABLE no_such_table ADD COLUMN x int")
                .contains("relation \"no_such_table\" does not exist")
                .contains("the database stays at " + ids.get(23));
        // Progress names every step that ran, and the failed one, in order; none after it.
        assertThat(r.err()).contains("Running upgrade " + ids.get(22) + " -> " + ids.get(23) + ", step 24\n"
                + "Running upgrade " + ids.get(23) + " -> " + ids.get(24) + ", step 25\n").doesNotContain("step 26");
        assertThat(cli.versions()).containsExactly(ids.get(23));
        assertThat(cli.column("SELECT rev FROM applied_log")).containsExactlyElementsOf(ids.subList(0, 24));
        assertThat(cli.column("SELECT revision FROM retort_history ORDER BY id")).containsExactlyElementsOf(ids.subList(0, 24));
        assertThat(cli.tableExists("t_24")).isTrue();
        assertThat(cli.tableExists("t_25")).isFalse();
        assertThat(cli.tableExists("t_26")).isFalse();
        // The server measured each grouped step.
        assertThat(cli.column("SELECT count(*) FROM retort_history WHERE duration_ms >= 0")).containsExactly("24");

        cli.sql(ids.get(24), ids.get(23), "step 25", "CREATE TABLE t_25 (id int);\nINSERT INTO applied_log VALUES ('"
                + ids.get(24) + "');", "DROP TABLE t_25;");
        assertThat(cli.ok("upgrade", "head").err()).contains("Applied 16 revisions");
        assertThat(cli.column("SELECT rev FROM applied_log")).containsExactlyElementsOf(ids);
        assertThat(cli.ok("downgrade", "base").err()).contains("Reverted 40 revisions");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t_1")).isFalse();
    }

    @Test
    void aRunInOneTransactionSendsItsStepsInGroupsAndRollsBackWhole() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        List<String> ids = steps(cli, 40, 25, "ALTER TABLE no_such_table ADD COLUMN x int;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
        assertThat(error).contains("Upgrade of revision " + ids.get(24)).contains("_step_25.sql, line 7")
                .contains("the database stays at base");
        assertThat(r.err()).doesNotContain("step 26");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t_1")).isFalse();
        assertThat(cli.column("SELECT count(*) FROM applied_log")).containsExactly("0");

        // Fixed, step 25 pauses: its own duration holds the pause, and no later step's does, as it would if the
        // steps were measured from the start of the run's transaction. A second, so that a loaded machine's stall
        // in a later step does not pass for it.
        cli.sql(ids.get(24), ids.get(23), "step 25", "CREATE TABLE t_25 (id int);\nINSERT INTO applied_log VALUES ('"
                + ids.get(24) + "');\nDO $$BEGIN PERFORM pg_sleep(1); END$$;", "DROP TABLE t_25;");
        assertThat(cli.ok("upgrade", "head").err()).contains("Applied 40 revisions");
        assertThat(cli.versions()).containsExactly(ids.get(39));
        assertThat(cli.column("SELECT rev FROM applied_log")).containsExactlyElementsOf(ids);
        assertThat(cli.column("SELECT count(*) FROM retort_history WHERE duration_ms >= 0")).containsExactly("40");
        assertThat(cli.column("SELECT duration_ms >= 1000 FROM retort_history WHERE revision = '" + ids.get(24) + "'"))
                .containsExactly("t");
        assertThat(cli.column("SELECT max(duration_ms) < 1000 FROM retort_history WHERE revision > '" + ids.get(24)
                + "'"))
                .containsExactly("t");
        assertThat(cli.ok("downgrade", "base").err()).contains("Reverted 40 revisions");
        assertThat(cli.tableExists("t_1")).isFalse();
    }

    @Test
    void inEveryQueryModeOfTheDriverAFailedStepStopsTheRun() {
        // In the simple modes (extendedForPrepared is Retort's default) the driver would send each statement of a
        // batch as a query of its own, and the server would run on after a failed one: a group goes as one query
        // instead, whose rest the server abandons. In the extended mode a group is one pipelined batch. A step whose
        // version row is new (here a second root, planned after the first branch) has no row for the server to
        // check, and would commit if it ran.
        // In a run that is one transaction, a failed group is undone to its savepoint and its steps run one by one.
        for (String mode : List.of("simple", "extendedForPrepared", "extended")) {
            for (boolean perMigration : List.of(true, false)) {
                Cli cli = new Cli(dir.resolve(mode + perMigration), TestPostgres.freshDatabase());
                cli.environment.put("DATABASE_URL", cli.environment.get("DATABASE_URL") + "&preferQueryMode=" + mode);
                cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
                List<String> ids = steps(cli, 6, 6, "ALTER TABLE no_such_table ADD COLUMN x int;");
                cli.write("migrations/versions/b00000000001_other_root.sql", "-- revision: b00000000001\n"
                        + "-- down_revision: none\n-- branch_labels: other\n-- message: other root\n"
                        + "-- +upgrade\nCREATE TABLE t_other (id int);\n-- +downgrade\nDROP TABLE t_other;\n");

                Cli.Result r = cli.run("upgrade", "heads");

                String as = mode + (perMigration ? "" : ", one transaction");
                assertThat(r.exitCode()).as(as + ": " + r).isEqualTo(1);
                assertThat(r.err()).as(as).contains("Upgrade of revision " + ids.get(5) + " (")
                        .contains("_step_6.sql, line 7) failed at statement `ALTER TABLE no_such_table");
                if (perMigration) {
                    assertThat(cli.versions()).as(as).containsExactly(ids.get(4));
                } else {
                    assertThat(cli.versions()).as(as).isEmpty();
                    assertThat(cli.tableExists("t_1")).as(as).isFalse();
                }
                assertThat(cli.tableExists("t_6")).as(as).isFalse();
                assertThat(cli.tableExists("t_other")).as(as).isFalse();
            }
        }
    }

    @Test
    void aRunInOneTransactionUndoesAFailedGroupToItsSavepointAndRunsItsStepsAloneOnlyWhenItCameBackQuickly() {
        for (String pause : List.of("0", "1.2")) {
            Cli cli = new Cli(dir.resolve("pause-" + pause), TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = false\n");
            // Step 1 goes alone, steps 2 and 3 as a group; step 2 pauses, step 3 fails.
            cli.execute("CREATE SEQUENCE tries");
            cli.sql("aaaaaaaaaaa1", "none", "one", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "pauses", "DO $$BEGIN PERFORM pg_sleep(" + pause + "); END$$;",
                    "SELECT 1;");
            // nextval is not rolled back: the sequence counts the runs of the failing step.
            cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "fails", "DO $$BEGIN PERFORM nextval('tries'); END$$;\n"
                    + "ALTER TABLE no_such_table ADD COLUMN x int;", "SELECT 1;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
            assertThat(error).as(pause).contains("no_such_table")
                    .contains("The run's transaction was rolled back; the database stays at base");
            assertThat(cli.versions()).isEmpty();
            assertThat(cli.tableExists("t_1")).isFalse();
            if (pause.equals("0")) {
                assertThat(error).contains("Upgrade of revision aaaaaaaaaaa3 (")
                        .contains("line 6) failed at statement `ALTER TABLE no_such_table ADD COLUMN x int`");
                assertThat(cli.column("SELECT last_value FROM tries")).containsExactly("2");
            } else {
                assertThat(error).contains("Upgrade of revision aaaaaaaaaaa2 (")
                        .contains("_pauses.sql) or the revision after it, aaaaaaaaaaa3, failed: ");
                assertThat(cli.column("SELECT last_value FROM tries")).containsExactly("1");
            }
        }
    }

    @Test
    void aSyntaxErrorInsideAGroupNamesItsStatementInBothTransactionModes() {
        for (boolean perMigration : List.of(true, false)) {
            Cli cli = new Cli(dir.resolve("per-migration-" + perMigration), TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            // The server parses a query whole before it runs any of it: step 13, in the fourth group (steps 8 to 15),
            // stops the steps before it in that group from running at all.
            List<String> ids = steps(cli, 20, 13, "ALTER TABLE t_13 ADD COLUMN;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
            assertThat(error).as("per migration: " + perMigration).contains("Upgrade of revision " + ids.get(12))
                    .contains(ids.get(12) + "_step_13.sql, line 7) failed at statement `ALTER TABLE t_13 ADD COLUMN`")
                    .contains("syntax error at end of input");
            if (perMigration) {
                assertThat(error).contains("the database stays at " + ids.get(11));
                assertThat(cli.versions()).containsExactly(ids.get(11));
                assertThat(cli.column("SELECT rev FROM applied_log")).containsExactlyElementsOf(ids.subList(0, 12));
            } else {
                assertThat(error).contains("The run's transaction was rolled back; the database stays at base");
                assertThat(cli.versions()).isEmpty();
                assertThat(cli.column("SELECT rev FROM applied_log")).isEmpty();
            }
        }
    }

    @Test
    void aSyntaxErrorDeepInAGroupSendsTheStepsBeforeItOnceMoreAndItAlone() throws Exception {
        for (boolean perMigration : List.of(true, false)) {
            Path project = dir.resolve("per-migration-" + perMigration);
            Cli cli = new Cli(project, TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            // Step 25 is the tenth of the fifth group (steps 16 to 31). Its error's position names it: steps 16 to 24
            // go again as a group, and step 25 alone. Run one by one instead, each step would send the rest of the
            // group once more (step 25's statement ten times in all).
            List<String> ids = steps(cli, 40, 25, "ALTER TABLE t_25 ADD COLUMN;");
            Path log = project.resolve("debug.log");

            Process process = cli.start(log, "--debug", "upgrade", "head");

            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains(ids.get(24) + "_step_25.sql, line 7) failed at statement `ALTER TABLE t_25 ADD "
                    + "COLUMN`");
            assertThat(sent(output, "ALTER TABLE t_25 ADD COLUMN")).as(output).isEqualTo(2);
            // On a busy machine a slow group makes the next ones smaller, so step 25 may start its group, and step 31
            // not be in it: then step 24 is sent once and step 31 never. Neither goes more often than that.
            assertThat(sent(output, "CREATE TABLE t_24 ")).as(output).isBetween(1L, 2L);
            assertThat(sent(output, "CREATE TABLE t_31 ")).as(output).isBetween(0L, 1L);
            if (perMigration) {
                assertThat(cli.versions()).containsExactly(ids.get(23));
                assertThat(cli.column("SELECT rev FROM applied_log")).containsExactlyElementsOf(ids.subList(0, 24));
            } else {
                // Each group a savepoint: those of 1, 2, 4, 8 and 16 steps, then steps 16 to 24; more on a busy
                // machine, where a group that takes over 0.1 s makes the next ones smaller.
                assertThat(sent(output, "SAVEPOINT")).isGreaterThanOrEqualTo(6);
                assertThat(cli.versions()).isEmpty();
            }
        }
    }

    /** How many times the debug log of a run shows a statement that starts with {@code sql} going to the server. */
    private static long sent(String log, String sql) {
        return log.lines().filter(line -> line.contains("DEBUG JdbcTarget - " + sql)).count();
    }

    @Test
    void aRunInOneTransactionSendsItsStepsAloneAfter32Groups() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        // Steps that take over 100 ms go in groups of one: steps 1 to 32 are the 32 groups, each a savepoint.
        String down = "none";
        for (int i = 1; i <= 32; i++) {
            String id = String.format("%012x", 0xb00000000000L + i);
            cli.sql(id, down, "slow " + i, "DO $$BEGIN PERFORM pg_sleep(0.12); END$$;", "SELECT 1;");
            down = id;
        }
        // Grouped, a failure after a second would name the revision only, as in the test above; alone, the statement.
        cli.sql("b00000000021", down, "fails", "DO $$BEGIN PERFORM pg_sleep(1.1); END$$;\n"
                + "ALTER TABLE no_such_table ADD COLUMN x int;", "SELECT 1;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
        assertThat(error).contains("Upgrade of revision b00000000021 (")
                .contains("line 6) failed at statement `ALTER TABLE no_such_table ADD COLUMN x int`")
                .contains("The run's transaction was rolled back; the database stays at base");
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aRunInOneTransactionGoesOnWhenTheStepsOfAFailedGroupSucceedAlone() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        cli.execute("CREATE SEQUENCE tries");
        List<String> ids = steps(cli, 3, 3,
                "DO $$BEGIN IF nextval('tries') = 1 THEN RAISE 'first try'; END IF; END$$;");

        Cli.Result r = cli.ok("upgrade", "head");

        assertThat(r.err()).contains("Applied 3 revisions");
        assertThat(cli.versions()).containsExactly(ids.get(2));
        assertThat(cli.column("SELECT rev FROM applied_log")).containsExactlyElementsOf(ids);
        assertThat(cli.column("SELECT revision FROM retort_history ORDER BY id")).containsExactlyElementsOf(ids);
    }

    @Test
    void theServerRefusesAGroupedStepWhoseVersionRowIsGone() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = steps(cli, 3, 2, "DELETE FROM retort_version;");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("retort: The version table retort_version no longer holds revision " + ids.get(0)
                + ", so another process changed it during this run").doesNotContain("\tat ");
        assertThat(cli.versions()).containsExactly(ids.get(0));
        assertThat(cli.tableExists("t_2")).isFalse();
        assertThat(cli.tableExists("t_3")).isFalse();
    }

    @Test
    void aConstraintCheckedAtCommitNamesTheCommitGroupedOrAlone() {
        String deferred = "CREATE TABLE parent (id int PRIMARY KEY);\n"
                + "CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);\n"
                + "INSERT INTO child VALUES (1);";
        // Without a row-returning statement the step goes in a group; with one, on its own.
        for (String extra : List.of(deferred, deferred + "\nSELECT 1;")) {
            Cli cli = new Cli(dir.resolve(extra.endsWith("SELECT 1;") ? "alone" : "grouped"), TestPostgres.freshDatabase());
            List<String> ids = steps(cli, 3, 2, extra);

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
            assertThat(error).as(extra).contains("Upgrade of revision " + ids.get(1)).contains("statement `COMMIT`")
                    .contains("violates foreign key constraint")
                    .contains("The revision was rolled back; the database stays at " + ids.get(0));
            assertThat(cli.versions()).containsExactly(ids.get(0));
            assertThat(cli.tableExists("parent")).isFalse();
            assertThat(cli.tableExists("t_3")).isFalse();
        }
    }

    @Test
    void aConstraintCheckedAtTheCommitOfARunInOneTransactionNamesItsRevisions() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "transaction_per_migration = false\n");
        List<String> ids = steps(cli, 4, 2, "CREATE TABLE parent (id int PRIMARY KEY);\n"
                + "CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);\n"
                + "INSERT INTO child VALUES (1);");

        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
        assertThat(error).contains("The run's COMMIT failed: ERROR: insert or update on table \"child\" violates")
                .contains("so one of the revisions " + ids.get(0) + " to " + ids.get(3) + " broke it")
                .contains("the database stays at base (no revision). Set transaction_per_migration = true");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("t_1")).isFalse();
    }

    @Test
    void aSlowFailureWhoseErrorPointsIntoItsStatementIsNamedWithoutRunningAgain() {
        for (boolean perMigration : List.of(true, false)) {
            Cli cli = new Cli(dir.resolve("per-migration-" + perMigration), TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            cli.sql("aaaaaaaaaaa1", "none", "sequence", "CREATE SEQUENCE tries;", "DROP SEQUENCE tries;");
            // Sent as a group; slower than a rerun is worth, and the server says where it failed.
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "fails", "DO $$BEGIN PERFORM nextval('tries'); PERFORM pg_sleep(1.2);"
                    + " END$$;\nINSERT INTO no_such_table VALUES (1);", "SELECT 1;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
            assertThat(error).as("per migration: " + perMigration).contains("Upgrade of revision aaaaaaaaaaa2 (")
                    .contains("line 6) failed at statement `INSERT INTO no_such_table VALUES (1)`")
                    .contains("relation \"no_such_table\" does not exist");
            if (perMigration) {
                assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
                assertThat(cli.column("SELECT last_value FROM tries")).containsExactly("1");
            } else {
                assertThat(cli.versions()).isEmpty();
            }
        }
    }

    @Test
    void aFailedGroupRunsItsFailedStepOnceMoreToNameTheStatementOnlyWhenItCameBackQuickly() {
        for (String pause : List.of("0", "1.2")) {
            Cli cli = new Cli(dir.resolve("pause-" + pause), TestPostgres.freshDatabase());
            cli.sql("aaaaaaaaaaa1", "none", "sequence", "CREATE SEQUENCE tries;", "DROP SEQUENCE tries;");
            // nextval is not rolled back: the sequence counts the runs of the failing step.
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "fails", "DO $$BEGIN PERFORM nextval('tries'); PERFORM pg_sleep("
                    + pause + "); END$$;\nALTER TABLE no_such_table ADD COLUMN x int;", "SELECT 1;");

            Cli.Result r = cli.run("upgrade", "head");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
            assertThat(error).as(pause).contains("Upgrade of revision aaaaaaaaaaa2 (").contains("no_such_table")
                    .contains("The revision was rolled back; the database stays at aaaaaaaaaaa1");
            assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
            if (pause.equals("0")) {
                assertThat(error).contains("line 6) failed at statement `ALTER TABLE no_such_table ADD COLUMN x int`");
                assertThat(cli.column("SELECT last_value FROM tries")).containsExactly("2");
            } else {
                assertThat(error).contains("_fails.sql) failed: ");
                assertThat(cli.column("SELECT last_value FROM tries")).containsExactly("1");
            }
        }
    }

    /** Creates {@code table} and inserts {@code rows} rows, one a line; row {@code broken} goes to a missing table. */
    private static String inserts(String table, int rows, int broken) {
        StringBuilder sql = new StringBuilder("CREATE TABLE " + table + " (id int, s text);");
        for (int i = 1; i <= rows; i++) {
            sql.append(i == broken ? "\nINSERT INTO no_such_table VALUES (1);"
                    : "\nINSERT INTO " + table + " VALUES (" + i + ", 'row " + i + "');");
        }
        return sql.toString();
    }

    @Test
    void aStepOfManyStatementsAppliesWholeAndAFailureInALaterQueryUndoesItsEarlierOnes() {
        // The driver would read the results of one query of all their statements in quadratic time: a group goes
        // in queries of at most a thousand statements, all in the step's transaction.
        for (boolean perMigration : List.of(true, false)) {
            Cli cli = new Cli(dir.resolve("per-migration-" + perMigration), TestPostgres.freshDatabase());
            cli.write("retort.toml", "transaction_per_migration = " + perMigration + "\n");
            cli.sql("aaaaaaaaaaa1", "none", "sequence", "CREATE SEQUENCE tries;", "DROP SEQUENCE tries;");
            cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "many", inserts("many", 2500, 0), "DROP TABLE many;");
            // Grouped with the step before, its failed statement in a later query than its first ones; slower than a
            // rerun is worth, so the server's error position alone names the statement.
            cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "fails", "DO $$BEGIN PERFORM nextval('tries');"
                    + " PERFORM pg_sleep(1.2); END$$;\n" + inserts("failing", 2500, 2400), "DROP TABLE failing;");

            Cli.Result r = cli.run("upgrade", "head");

            String as = "per migration: " + perMigration;
            assertThat(r.exitCode()).as(as + ": " + r).isEqualTo(1);
            String error = r.err().lines().filter(l -> l.startsWith("retort:")).findFirst().orElseThrow();
            assertThat(error).as(as).contains("Upgrade of revision aaaaaaaaaaa3 (")
                    .contains("_fails.sql, line 2406) failed at statement `INSERT INTO no_such_table VALUES (1)`")
                    .contains("relation \"no_such_table\" does not exist");
            assertThat(cli.tableExists("failing")).as(as).isFalse();
            if (perMigration) {
                // nextval is not rolled back: the failed step ran once.
                assertThat(cli.column("SELECT last_value FROM tries")).containsExactly("1");
                assertThat(cli.versions()).containsExactly("aaaaaaaaaaa2");
                assertThat(cli.column("SELECT count(DISTINCT id) FROM many")).containsExactly("2500");
            } else {
                assertThat(cli.versions()).isEmpty();
                assertThat(cli.tableExists("many")).isFalse();
            }

            cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "fails", inserts("failing", 2500, 0), "DROP TABLE failing;");
            cli.ok("upgrade", "head");
            assertThat(cli.versions()).containsExactly("aaaaaaaaaaa3");
            assertThat(cli.column("SELECT count(*) FROM many UNION ALL SELECT count(*) FROM failing"))
                    .containsExactly("2500", "2500");
        }
    }
}
