package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the command line at random moments of a long upgrade: afterwards the version table agrees
 * with the schema, and a rerun completes at once.
 *
 * <p>Each trial upgrades a fresh database through {@value #MIGRATIONS} migrations that each pause 20 ms and
 * create a table, and kills the process after a delay drawn from its own seeded {@link Random}. The pause is a
 * {@code SELECT} in even trials, so each step goes to the server alone, and a {@code DO} block in odd ones, so
 * that steps go in groups (several transactions in one batch). A few trials run
 * with every build; the long series is a separate run:
 * <pre>
 * mvn -B verify -pl retort-cli -am -Dtest=CrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dretort.crash.trials=50
 * </pre>
 * {@code retort.crash.trials} sets the number of trials (default 5) and {@code retort.crash.seed} the seed of the
 * first, from which the others' seeds are drawn; a failure names its trial's seed, so
 * {@code -Dretort.crash.seed=S -Dretort.crash.trials=1} repeats it.
 */
class CrashTest {
    static final int MIGRATIONS = 60;
    /** A pause that returns a row: the step is sent on its own. */
    static final String PAUSE = "SELECT pg_sleep(0.02);";
    /** The same pause without a row: the step goes to the server in a group with others. */
    static final String GROUPED_PAUSE = "DO $$BEGIN PERFORM pg_sleep(0.02); END$$;";
    private static final String WAITING = "Waiting for another retort run on this database to finish...";

    @TempDir
    Path dir;

    /** What one trial saw: how many migrations the killed run had applied, and whether it had already finished. */
    private record Outcome(long delayMillis, int applied, boolean finishedFirst, long rerunMillis) {
    }

    @Test
    void killedUpgradesLeaveAConsistentDatabaseAndARerunCompletes() throws Exception {
        int trials = Integer.getInteger("retort.crash.trials", 5);
        long firstSeed = Long.getLong("retort.crash.seed", 20261125L);
        // Trial 0 uses the first seed itself, so that one trial repeats with -Dretort.crash.seed; the others draw
        // theirs from it (Randoms seeded with neighbouring numbers start out nearly alike).
        Random seeds = new Random(firstSeed);
        List<Outcome> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < trials; i++) {
            outcomes.add(trial(i, i == 0 ? firstSeed : seeds.nextLong()));
        }
        long midRun = outcomes.stream().filter(o -> o.applied() > 0 && o.applied() < MIGRATIONS).count();
        System.out.printf("crash trials: %d in %.1f s; killed mid-run %d, before the first commit %d, after the last %d (%d had exited);"
                        + " applied@delay %s; slowest rerun %d ms%n", trials, (System.nanoTime() - started) / 1e9,
                midRun, outcomes.stream().filter(o -> o.applied() == 0).count(),
                outcomes.stream().filter(o -> o.applied() == MIGRATIONS).count(),
                outcomes.stream().filter(Outcome::finishedFirst).count(),
                outcomes.stream().map(o -> o.applied() + "@" + o.delayMillis() + "ms").toList(),
                outcomes.stream().mapToLong(Outcome::rerunMillis).max().orElse(0));
        assertThat(midRun).as("trials killed between the first and the last migration").isPositive();
    }

    private Outcome trial(int index, long seed) throws Exception {
        String trial = "trial " + index + " (seed " + seed + "; repeat it with -Dretort.crash.seed=" + seed
                + " -Dretort.crash.trials=1)";
        Random random = new Random(seed);
        // The steps take at least MIGRATIONS x 20 ms; killing within a little more than that lands mostly mid-run.
        long delayMillis = random.nextInt(MIGRATIONS * 25);
        Cli cli = new Cli(dir.resolve("trial-" + index), TestPostgres.freshDatabase());
        List<String> ids = cli.chain(MIGRATIONS, index % 2 == 0 ? PAUSE : GROUPED_PAUSE);
        Path log = dir.resolve("trial-" + index + ".log");

        Process process = cli.start(log, "upgrade", "head");
        awaitOutput(process, log, "Running upgrade", trial);
        Thread.sleep(delayMillis);
        boolean finishedFirst = !process.isAlive();
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(trial).isTrue();

        String after = trial + ", killed " + delayMillis + " ms after its first step:\n" + Files.readString(log);
        int applied = assertConsistent(cli, ids, after);

        long rerunStarted = System.nanoTime();
        Cli.Result rerun = cli.run("upgrade", "head");
        long rerunMillis = (System.nanoTime() - rerunStarted) / 1_000_000;
        assertThat(rerun.exitCode()).as(after + "\nrerun: " + rerun).isZero();
        assertThat(rerun.err()).as(after + "\nthe killed run's lock is free at once; rerun: " + rerun).doesNotContain(WAITING);
        assertThat(assertConsistent(cli, ids, after + "\nrerun: " + rerun)).isEqualTo(MIGRATIONS);
        return new Outcome(delayMillis, applied, finishedFirst, rerunMillis);
    }

    @Test
    void aRunWaitingForTheLockGoesOnAtOnceWhenTheHolderIsKilled() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        // Each step pauses for a minute while table hold has a row: the first run holds the lock until killed.
        List<String> ids = cli.chain(20, "SELECT pg_sleep(CASE WHEN EXISTS (SELECT FROM hold) THEN 60 ELSE 0 END);");
        cli.execute("CREATE TABLE hold AS SELECT 1 AS x");
        Path holderLog = dir.resolve("holder.log");
        Path waiterLog = dir.resolve("waiter.log");
        Process holder = cli.start(holderLog, "upgrade", "head");
        awaitOutput(holder, holderLog, "Running upgrade", "holder");
        Process waiter = cli.start(waiterLog, "upgrade", "head");
        awaitOutput(waiter, waiterLog, WAITING, "waiter");
        cli.execute("DELETE FROM hold");

        holder.destroyForcibly();
        long killed = System.nanoTime();
        awaitOutput(waiter, waiterLog, "The other run finished; continuing.", "waiter");
        long waitedMillis = (System.nanoTime() - killed) / 1_000_000;

        assertThat(waiter.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(waiterLog);
        assertThat(waiter.exitValue()).as(output).isZero();
        assertThat(waitedMillis).as("the lock is free as soon as its holder dies").isLessThan(5_000);
        assertThat(output).contains("Applied 20 revisions");
        assertThat(assertConsistent(cli, ids, output)).isEqualTo(20);
        // The killed run's statement would sleep on for a minute; the server notices its client is gone and
        // cancels it within about a second (client_connection_check_interval).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cli.column("SELECT pid FROM pg_stat_activity WHERE query LIKE '%FROM hold) THEN 60%' "
                + "AND pid <> pg_backend_pid()").isEmpty()) {
            assertThat(System.nanoTime()).as("the killed run's statement is cancelled").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aRunKilledInAnAutocommitPartLeavesItsRevisionReportedAsPartlyApplied() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "half", "CREATE TABLE before_block (id int);\n-- +autocommit\n"
                + "SELECT pg_sleep(60);\n-- +end-autocommit\nCREATE TABLE after_block (id int);",
                "DROP TABLE IF EXISTS after_block;\nDROP TABLE before_block;");
        Path log = dir.resolve("killed.log");
        Process process = cli.start(log, "upgrade", "head");
        awaitOutput(process, log, "Running upgrade", "killed run");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (cli.column("SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'").isEmpty()) {
            assertThat(System.nanoTime()).as("the autocommit part runs").isLessThan(deadline);
            Thread.sleep(50);
        }

        // While the run goes on, its step is not a leftover.
        assertThat(cli.ok("current").err()).doesNotContain("partly applied");

        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cli.column("SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'").isEmpty()) {
            assertThat(System.nanoTime()).as("the killed run's statement is cancelled").isLessThan(deadline);
            Thread.sleep(50);
        }

        // What came before the block is committed, and the version table does not say so: current must.
        assertThat(cli.tableExists("before_block")).isTrue();
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.ok("current").err()).contains("warning: Revision a00000000001 is partly applied: a run that "
                + "failed (or was stopped) on ");

        // Once the revision runs through, the mark is gone.
        cli.sql("a00000000001", "none", "half", "CREATE TABLE IF NOT EXISTS before_block (id int);\n-- +autocommit\n"
                + "SELECT 1;\n-- +end-autocommit\nCREATE TABLE after_block (id int);", "DROP TABLE before_block;");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("current").err()).isEmpty();
        assertThat(cli.column("SELECT direction FROM retort_history WHERE direction NOT IN ('partial', 'started') "
                + "ORDER BY id")).containsExactly("upgrade");
        assertThat(cli.column("SELECT count(*) FROM retort_history WHERE direction = 'started'")).containsExactly("0");
    }

    /**
     * Checks that the tables t_1..t_k exist for exactly the revisions at or below the recorded version (k of
     * them), each logged and recorded in the history once; returns k. It reads one snapshot: a killed run's server
     * session may still be committing the steps it had received (the next run waits for it), and every moment of
     * that must be consistent too.
     */
    static int assertConsistent(Cli cli, List<String> ids, String context) throws SQLException {
        try (Connection c = cli.connect()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            List<String> versions = column(c, "SELECT to_regclass('retort_version')::text").get(0) == null
                    ? List.of() : column(c, "SELECT version_num FROM retort_version");
            assertThat(versions).as(context).hasSizeLessThanOrEqualTo(1);
            int applied = versions.isEmpty() ? 0 : ids.indexOf(versions.get(0)) + 1;
            assertThat(applied).as(context).isGreaterThanOrEqualTo(versions.isEmpty() ? 0 : 1);
            List<String> expectedTables = new ArrayList<>();
            for (int i = 1; i <= applied; i++) {
                expectedTables.add("t_" + i);
            }
            assertThat(column(c, "SELECT tablename FROM pg_tables WHERE tablename ~ '^t_[0-9]+$' "
                    + "ORDER BY substring(tablename from 3)::int")).as(context).containsExactlyElementsOf(expectedTables);
            assertThat(column(c, "SELECT rev FROM applied_log ORDER BY rev")).as(context)
                    .containsExactlyElementsOf(ids.subList(0, applied));
            if (column(c, "SELECT to_regclass('retort_history')::text").get(0) != null) {
                assertThat(column(c, "SELECT revision FROM retort_history ORDER BY id")).as(context)
                        .containsExactlyElementsOf(ids.subList(0, applied));
            }
            c.rollback();
            return applied;
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Waits until {@code log} holds {@code text}; fails if the process ends first or a minute passes. */
    static void awaitOutput(Process process, Path log, String text, String context) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains(text)) {
            if (!process.isAlive()) {
                assertThat(Files.readString(log)).as(context + ": the process ended without printing it").contains(text);
                return;
            }
            assertThat(System.nanoTime()).as(context + ": no '" + text + "' within a minute").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
