package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate processes racing to upgrade one database: the advisory lock makes them queue. */
class ConcurrencyTest {
    private static final String WAITING = "Waiting for another retort run on this database to finish...";
    private static final String CONTINUING = "The other run finished; continuing.";

    @TempDir
    Path dir;

    /** A 50-revision history: 49 SQL migrations and, last, a Java one, which every process compiles into one cache. */
    private static List<String> fiftyRevisions(Cli cli) {
        List<String> ids = new ArrayList<>(cli.chain(49));
        cli.write("migrations/versions/ccc000000050_java.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "ccc000000050", down = "%s", message = "java step")
                class JavaStep_ccc000000050 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("INSERT INTO applied_log VALUES ('ccc000000050')");
                    }
                    public void downgrade(Operations op) {
                        op.execute("DELETE FROM applied_log WHERE rev = 'ccc000000050'");
                    }
                }
                """.formatted(ids.get(ids.size() - 1)));
        ids.add("ccc000000050");
        return ids;
    }

    /** Starts one process per command line at once, waits for all, and returns their outputs (each exited 0). */
    private List<String> runAtOnce(Cli cli, List<List<String>> commandLines) throws Exception {
        // Up to 32 JVMs start at once, and on a busy two-core machine their logins queued past the default
        // 10 s (the driver's "Connection attempt timed out"): what is tested here is the lock, not a login's speed.
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=postgres&connectTimeout=120");
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < commandLines.size(); i++) {
            Path log = dir.resolve("run-" + i + ".log");
            logs.add(log);
            processes.add(cli.start(log, commandLines.get(i).toArray(String[]::new)));
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            String output = Files.readString(logs.get(i));
            assertThat(p.exitValue()).as(commandLines.get(i) + "\n" + output).isZero();
            if (output.contains(WAITING)) {
                assertThat(output).as("a process that waited says when it goes on").contains(CONTINUING);
            }
            outputs.add(output);
        }
        return outputs;
    }

    private void raceToHead(int processes) throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = fiftyRevisions(cli);
        String head = ids.get(ids.size() - 1);

        List<String> outputs = runAtOnce(cli, java.util.Collections.nCopies(processes, List.of("upgrade", "head")));

        assertThat(outputs.stream().filter(o -> o.contains("Applied 50 revisions"))).as("one process applies all").hasSize(1);
        assertThat(outputs.stream().filter(o -> o.contains("Nothing to upgrade: the database is at " + head)))
                .as("the others find nothing to do").hasSize(processes - 1);
        assertThat(outputs.stream().filter(o -> o.contains(WAITING))).as("processes queued behind the lock").isNotEmpty();
        assertThat(cli.column("SELECT rev FROM applied_log ORDER BY rev")).containsExactlyElementsOf(ids);
        assertThat(cli.column("SELECT revision FROM retort_history WHERE direction = 'upgrade' ORDER BY id"))
                .containsExactlyElementsOf(ids);
        assertThat(cli.versions()).containsExactly(head);
    }

    @Test
    void eightProcessesApplyEachMigrationExactlyOnce() throws Exception {
        raceToHead(8);
    }

    @Test
    void thirtyTwoProcessesApplyEachMigrationExactlyOnce() throws Exception {
        raceToHead(32);
    }

    /**
     * Upgrades, downgrades, stamps and {@code current} at once. The migrations are safe to run again, because a
     * stamp moves the version table without the schema; the history table must still read as one run after
     * another: each step starts where the previous one ended, and each stamp, recording the revisions it marks
     * applied one after another, ends at its target.
     */
    @Test
    void mixedCommandsQueueOneAfterAnother() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = new ArrayList<>();
        String down = "none";
        for (int i = 1; i <= 50; i++) {
            String id = String.format("%012x", 0xb00000000000L + i);
            cli.sql(id, down, "step " + i, "CREATE TABLE IF NOT EXISTS t_" + i + " (id int);",
                    "DROP TABLE IF EXISTS t_" + i + ";");
            ids.add(id);
            down = id;
        }
        int stampedAt = 25;
        String stampTarget = ids.get(stampedAt - 1);
        cli.ok("upgrade", ids.get(9));
        List<List<String>> commandLines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            commandLines.add(List.of("upgrade", "head"));
            commandLines.add(List.of("downgrade", "base"));
            commandLines.add(List.of("current"));
            commandLines.add(i % 2 == 0 ? List.of("stamp", stampTarget) : List.of("upgrade", "head"));
        }

        List<String> outputs = runAtOnce(cli, commandLines);
        cli.ok("upgrade", "head");

        assertThat(outputs.stream().filter(o -> o.contains(WAITING))).as("processes queued behind the lock").isNotEmpty();
        int position = 0;
        List<String> rows = cli.column("SELECT direction || ' ' || revision FROM retort_history ORDER BY id");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r).split(" ");
            int n = ids.indexOf(row[1]) + 1;
            boolean up = row[0].equals("upgrade");
            boolean stamp = row[0].equals("stamp");
            // A stamp records each revision it marks applied, in order, and may start anywhere: it ends at its target.
            boolean stampEnds = stamp && (r + 1 == rows.size() || !rows.get(r + 1).startsWith("stamp "));
            int from = up || stamp ? n - 1 : n;
            assertThat(stamp && (r == 0 || !rows.get(r - 1).startsWith("stamp ")) || position == from)
                    .as("history row %d (%s) starts where the database was (%d): %s", r, rows.get(r), position, rows)
                    .isTrue();
            position = up || stamp ? n : n - 1;
            assertThat(!stampEnds || position == stampedAt)
                    .as("the stamp ending at history row %d (%s) puts the database at the stamp: %s", r, rows.get(r),
                            rows)
                    .isTrue();
        }
        assertThat(position).isEqualTo(50);
        assertThat(cli.versions()).containsExactly(ids.get(49));
        assertThat(cli.tableExists("t_50")).isTrue();
    }

    /**
     * queue_timeout limits the wait for another run's lock; the one line says so, and which server process holds
     * the lock.
     */
    @Test
    void queueTimeoutEndsTheWaitForAnotherRunWithOneLineSayingSo() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1, "SELECT pg_sleep(5);");
        Process first = startUntilItRuns(cli, "SELECT pg_sleep(5)");
        // The run lock, whose key starts with "RETO" (the run's other session holds the work lock, "RETW").
        String holder = cli.column("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                + "AND classid = x'5245544F'::int::oid AND database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database())").get(0);

        cli.write("retort.toml", "script_location = \"migrations\"\nqueue_timeout = \"300ms\"\n");
        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(WAITING + "\nretort: Gave up waiting for another retort run on this database "
                + "after 300ms (queue_timeout; server process " + holder + " holds its lock). "
                + "Nothing was changed; run again once it has finished, or raise queue_timeout (\"0\" waits as long "
                + "as it takes).\n");
        assertThat(first.isAlive()).as("gave up while the other run went on").isTrue();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
        assertThat(cli.ok("upgrade", "head").err()).contains("Nothing to upgrade");
    }

    /**
     * A concurrent index build waits for every session that holds a snapshot, and a session blocked in
     * {@code pg_advisory_lock} holds one for as long as it waits: a run that waited so for the lock while the other
     * built an index waited for each other until the index build's lock_timeout failed its migration. Nor does a
     * lock_timeout or statement_timeout of the session (in the URL here) end the wait.
     */
    @Test
    void aRunWaitingForTheLockLetsTheOtherBuildAnIndexConcurrently() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE big (id int, v text);\n"
                + "INSERT INTO big SELECT g, g::text FROM generate_series(1, 1000) g;", "DROP TABLE big;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "index", "-- +autocommit\nSELECT pg_sleep(4);\n"
                + "CREATE INDEX CONCURRENTLY ix_big_v ON big (v);\n-- +end-autocommit\n",
                "-- +autocommit\nDROP INDEX CONCURRENTLY ix_big_v;\n-- +end-autocommit\n");
        Process first = startUntilItRuns(cli, "SELECT pg_sleep(4)");

        cli.environment.put("DATABASE_URL", cli.jdbcUrl
                + "?user=postgres&options=-c%20lock_timeout%3D300ms%20-c%20statement_timeout%3D300ms");
        Cli.Result second = cli.run("upgrade", "head");

        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).startsWith(WAITING + "\n" + CONTINUING + "\n").contains("Nothing to upgrade");
        assertThat(cli.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass"))
                .containsExactly("true");
    }

    /** A run stopped (SIGTERM) while it waits for another says so in its last line, as one stopped in a step does. */
    @Test
    void aRunStoppedWhileItWaitsSaysSo() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        Path log = dir.resolve("waiting.log");
        try (Connection other = cli.connect(); Statement s = other.createStatement()) {
            // The run lock of the version table retort_version, as another run holds it.
            CRC32 crc = new CRC32();
            crc.update("retort:retort_version".getBytes(StandardCharsets.UTF_8));
            s.execute("SELECT pg_advisory_lock(" + (0x5245_544FL << 32 | crc.getValue()) + ")");
            Process waiting = cli.start(log, "upgrade", "head");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (cli.column("SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_try_advisory_lock($1)' "
                    + "AND datname = current_database()").isEmpty()) {
                assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
                Thread.sleep(50);
            }
            waiting.destroy(); // SIGTERM
            assertThat(waiting.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(waiting.exitValue()).as(output).isEqualTo(143);
            assertThat(output.strip()).endsWith("retort: stopped while waiting for another retort run on this "
                    + "database: nothing was changed; run the command again.");
        }
        assertThat(cli.versions()).isEmpty();
    }

    /**
     * A run that finds nothing to do while another run holds the lock waits for it, then plans from what that run
     * left: the version table it read still showed the head while the other run's downgrade had not committed.
     */
    @Test
    void aRunWithNothingToDoWaitsForARunThatHoldsTheLockAndPlansAgainAfterIt() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(2);
        cli.sql("a00000000003", ids.get(1), "slow to revert", "CREATE TABLE t_3 (id int);",
                "SELECT pg_sleep(3);\nDROP TABLE t_3;");
        cli.ok("upgrade", "head");
        Process first = startUntilItRuns(cli, "SELECT pg_sleep(3)", "downgrade", "base");

        Cli.Result second = cli.run("upgrade", "head");

        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).startsWith(WAITING + "\n" + CONTINUING + "\n")
                .contains("Running upgrade a00000000002 -> a00000000003").doesNotContain("Nothing to upgrade");
        assertThat(cli.versions()).containsExactly("a00000000003");
        assertThat(cli.column("SELECT direction || ' ' || revision FROM retort_history ORDER BY id")).endsWith(
                "downgrade a00000000003", "downgrade a00000000002", "downgrade a00000000001",
                "upgrade a00000000001", "upgrade a00000000002", "upgrade a00000000003");
    }

    /**
     * The session that holds a run's lock ends while the run works (killed as idle, a NAT timeout): the run's steps
     * still commit, and it ends as a run does, with a warning that the lock went with its session. A run that took
     * the lock meanwhile waits for the first one's statements, and says so without calling that run stopped.
     */
    @Test
    void aRunWhoseLockSessionEndsFinishesItsStepsWithAWarning() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(2, "SELECT pg_sleep(2);");
        Process first = startUntilItRuns(cli, "SELECT pg_sleep(2)");
        assertThat(cli.column("SELECT pg_terminate_backend(pid)::text FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND classid = x'5245544F'::int::oid AND database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database())")).containsExactly("true");

        Cli.Result second = cli.run("upgrade", "head");

        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dir.resolve("first.log"));
        assertThat(first.exitValue()).as(output).isZero();
        assertThat(output).contains("Applied 2 revisions").contains("warning: Lost the connection that held this "
                + "run's lock").doesNotContain("retort current");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).startsWith("Waiting for another retort run whose lock session ended to finish its "
                + "statements on the server...\n").contains("Nothing to upgrade: the database is at a00000000002.");
        assertThat(cli.versions()).containsExactly("a00000000002");
    }

    /** A run that loses its connection while it waits in the queue changed nothing, and says so. */
    @Test
    void aRunThatLosesItsConnectionWhileWaitingSaysNothingWasChanged() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(2, "SELECT pg_sleep(4);");
        Process first = startUntilItRuns(cli, "SELECT pg_sleep(4)");
        Path log = dir.resolve("second.log");
        Process second = cli.start(log, "upgrade", "head");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(log) || !Files.readString(log).contains("Waiting for another retort run")) {
            assertThat(System.nanoTime()).as("the second run waits").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(cli.column("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE query LIKE "
                + "'SELECT pg_try_advisory_lock%' AND datname = current_database() AND pid NOT IN (SELECT pid FROM "
                + "pg_locks WHERE locktype = 'advisory' AND granted)")).containsExactly("true");

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(second.exitValue()).as(output).isEqualTo(1);
        assertThat(output.strip().lines().reduce((a, b) -> b).orElseThrow()).as(output)
                .startsWith("retort: Lost the connection while waiting for another retort run")
                .endsWith("Nothing was changed; run the command again.");
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
        assertThat(cli.versions()).containsExactly("a00000000002");
    }

    /** Starts {@code upgrade head} in a process of its own, and waits until the server runs {@code statement}. */
    private Process startUntilItRuns(Cli cli, String statement) throws Exception {
        return startUntilItRuns(cli, statement, "upgrade", "head");
    }

    /** Starts {@code retort ARGS} in a process of its own, and waits until the server runs {@code statement}. */
    private Process startUntilItRuns(Cli cli, String statement, String... args) throws Exception {
        Process first = cli.start(dir.resolve("first.log"), args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (cli.column("SELECT 1 FROM pg_stat_activity WHERE query LIKE '" + statement + "%' "
                + "AND datname = current_database()").isEmpty()) {
            assertThat(System.nanoTime()).as("the first run reaches its migration").isLessThan(deadline);
            Thread.sleep(50);
        }
        return first;
    }

    @Test
    void concurrentIndexBuildDoesNotDeadlockOnTheLock() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE big (id int, v text);\nINSERT INTO big SELECT g, g::text FROM generate_series(1, 1000) g;", "DROP TABLE big;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "index",
                "-- +autocommit\nCREATE INDEX CONCURRENTLY ix_big_v ON big (v);\n-- +end-autocommit\nALTER TABLE big ADD COLUMN w int;",
                "-- +autocommit\nDROP INDEX CONCURRENTLY ix_big_v;\n-- +end-autocommit\nALTER TABLE big DROP COLUMN w;");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT indexname FROM pg_indexes WHERE tablename = 'big'")).containsExactly("ix_big_v");
        assertThat(cli.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass")).containsExactly("true");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT indexname FROM pg_indexes WHERE tablename = 'big'")).isEmpty();
    }
}
