package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.net.URI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by SIGTERM (a cancelled CI job, a killed pod) while it changes the database says, as its last line,
 * what the database holds, and exits with the JVM's code for the signal; a stopped {@code retort test} drops its
 * scratch database (and the roles its migrations made) and says so. Each test stops a real process while its
 * migration sleeps on the server, then checks the line against the database.
 */
class StoppedRunTest {
    private static final String FIRST = "a00000000001";
    private static final String SECOND = "a00000000002";
    private static final String THIRD = "a00000000003";
    private static final String SECOND_FILE = "migrations/versions/a00000000002_second.sql";

    @TempDir
    Path dir;

    private Cli withSecond(String upgrade) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql(FIRST, "none", "first", "CREATE TABLE first (id int);", "DROP TABLE first;");
        cli.sql(SECOND, FIRST, "second", upgrade, "DROP TABLE IF EXISTS second;");
        return cli;
    }

    @Test
    void aRevisionStoppedInItsTransactionLeavesTheDatabaseWhereItStarted() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);\nSELECT pg_sleep(30);");
        cli.ok("upgrade", FIRST);

        String log = stopDuring(cli, "SELECT pg_sleep(30)");

        assertThat(lastLine(log)).isEqualTo("retort: stopped during the upgrade of revision " + SECOND
                + " (" + SECOND_FILE + "): its transaction was not committed, so the database stays at " + FIRST
                + "; run the command again.");
        assertThat(cli.versions()).containsExactly(FIRST);
        assertThat(cli.tableExists("second")).isFalse();
    }

    @Test
    void aRevisionStoppedInItsAutocommitPartSaysWhatThatPartCommitted() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);\n-- +autocommit\nCREATE TABLE second_outside (id int);\n"
                + "SELECT pg_sleep(30);\n-- +end-autocommit\nCREATE TABLE second_after (id int);");
        cli.ok("upgrade", FIRST);

        String log = stopDuring(cli, "SELECT pg_sleep(30)");

        assertThat(lastLine(log)).isEqualTo("retort: stopped during the upgrade of revision " + SECOND
                + " (" + SECOND_FILE + "): the revision was rolled back except 2 statement(s) committed by its "
                + "autocommit part (CREATE TABLE second (id int), ...) and perhaps the one it was running there "
                + "(SELECT pg_sleep(30)), which the server cancels unless it had ended; the version table stays at "
                + FIRST + ": undo them by hand or make them idempotent before running again.");
        assertThat(cli.versions()).containsExactly(FIRST);
        assertThat(cli.tableExists("second")).isTrue();
        assertThat(cli.tableExists("second_outside")).isTrue();
        assertThat(cli.tableExists("second_after")).isFalse();
    }

    @Test
    void aRunInOneTransactionStoppedLeavesTheDatabaseWhereTheRunStarted() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);\nSELECT pg_sleep(30);");
        cli.write("retort.toml", "transaction_per_migration = false\n");

        String log = stopDuring(cli, "SELECT pg_sleep(30)");

        assertThat(lastLine(log)).isEqualTo("retort: stopped during the upgrade of revision " + SECOND
                + " (" + SECOND_FILE + "): the run is one transaction (transaction_per_migration = false), which was "
                + "not committed, so the database stays at base (no revision), where the run started; run the "
                + "command again.");
        assertThat(cli.versions()).isEmpty();
        assertThat(cli.tableExists("first")).isFalse();
    }

    @Test
    void aRunInOneTransactionStoppedDuringItsCommitSaysBothPlacesItMayBe() throws Exception {
        // A deferred constraint trigger runs at the COMMIT, so the run's one COMMIT is what the server is busy with.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql(FIRST, "none", "first", "CREATE TABLE first (id int);\n"
                + "CREATE FUNCTION slow_check() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$;\n"
                + "CREATE CONSTRAINT TRIGGER slow_check AFTER INSERT ON first DEFERRABLE INITIALLY DEFERRED\n"
                + "    FOR EACH ROW EXECUTE FUNCTION slow_check();\n"
                + "INSERT INTO first VALUES (1);", "DROP TABLE first;\nDROP FUNCTION slow_check();");
        cli.sql(SECOND, FIRST, "second", "CREATE TABLE second (id int);", "DROP TABLE second;");
        cli.write("retort.toml", "transaction_per_migration = false\n");

        String log = stopDuring(cli, "COMMIT");

        assertThat(lastLine(log)).isEqualTo("retort: stopped while the COMMIT of the run's one transaction "
                + "(transaction_per_migration = false) was on its way, after the upgrade of revision " + SECOND
                + ": whether it committed is not known here, so the database is at " + SECOND + " or still at base "
                + "(no revision); run `retort current` to see which, then the command again if needed.");
        // The server cancels the COMMIT's trigger when it notices the client gone: the run was not committed.
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aRevisionSentWithItsCommitIsNotClaimedRolledBack() throws Exception {
        // A step without a statement that returns rows goes to the server with its COMMIT, which the server may run
        // after the process is gone: the client cannot know.
        Cli cli = withSecond("CREATE TABLE second (id int);\nDO $$BEGIN PERFORM pg_sleep(30); END$$;");
        cli.ok("upgrade", FIRST);

        String log = stopDuring(cli, "DO $$BEGIN PERFORM pg_sleep(30); END$$");

        assertThat(lastLine(log)).isEqualTo("retort: stopped while the upgrade of revision " + SECOND
                + " (" + SECOND_FILE + ") ran, sent with its COMMIT: it is applied whole or not at all, and whether "
                + "it was is not known here; run `retort current` to see where the database stands, then the command "
                + "again.");
        assertThat(cli.versions()).containsExactly(FIRST);
    }

    @Test
    void anApplicationWhoseShutdownWaitsForItsStartStillEnds() throws Exception {
        // The statement ends on its own: the application's process is still there.
        Cli cli = withSecond("CREATE TABLE second (id int);\nSELECT pg_sleep(5);");
        cli.ok("upgrade", FIRST);
        Path log = dir.resolve("application.log");
        Process process = startApplication(cli, log);
        try {
            waitForStatement(cli, process, log, "SELECT pg_sleep(5)");

            process.destroy(); // SIGTERM
            // Its hook waits for the thread that runs the upgrade, whose COMMIT is held back: the run fails instead.
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("the application ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(output).contains("retort: stopped during the upgrade of revision " + SECOND)
                .contains("upgrade failed: stopped during the upgrade of revision " + SECOND + " (")
                .contains("application hook: ended");
        assertThat(process.exitValue()).as(output).isEqualTo(143);
        assertThat(cli.versions()).containsExactly(FIRST);
    }

    @Test
    void anApplicationStoppedDuringALongStatementEndsWithoutWaitingForIt() throws Exception {
        // Its hook waits for the thread that runs the upgrade: the stop cancels the statement, which can no longer
        // commit, as the server cancels the command line's once its process is gone.
        Cli cli = withSecond("CREATE TABLE second (id int);\nSELECT pg_sleep(60);");
        cli.ok("upgrade", FIRST);

        String output = stopApplicationDuring(cli, "SELECT pg_sleep(60)");

        String line = "stopped during the upgrade of revision " + SECOND + " (" + dir.resolve(SECOND_FILE)
                + "): its transaction "
                + "was not committed, so the database stays at " + FIRST + "; run the command again.";
        assertThat(output).contains("retort: " + line).contains("upgrade failed: " + line)
                .contains("application hook: ended");
        assertThat(cli.versions()).containsExactly(FIRST);
        assertThat(cli.tableExists("second")).isFalse();
    }

    @Test
    void anApplicationStoppedWhileItWaitsForAnotherRunEndsAtOnceChangingNothing() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);");
        cli.ok("upgrade", FIRST);
        Path log = dir.resolve("application.log");
        Process process;
        try (Connection other = cli.connect(); Statement s = other.createStatement()) {
            // The run lock of the version table retort_version, as another run holds it.
            CRC32 crc = new CRC32();
            crc.update("retort:retort_version".getBytes(StandardCharsets.UTF_8));
            s.execute("SELECT pg_advisory_lock(" + (0x5245_544FL << 32 | crc.getValue()) + ")");
            process = startApplication(cli, log);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (cli.column("SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_try_advisory_lock($1)' "
                        + "AND datname = current_database()").isEmpty()) {
                    assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
                    assertThat(System.nanoTime()).as("the application waits for the lock").isLessThan(deadline);
                    Thread.sleep(20);
                }
                long stopped = System.nanoTime();
                process.destroy(); // SIGTERM
                // The other run still holds the lock: the application ends without waiting for it.
                assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("the application ends").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(8));
            } finally {
                process.destroyForcibly();
            }
        }
        String output = Files.readString(log);
        String line = "stopped while waiting for another retort run on this database: nothing was changed; run the "
                + "command again.";
        assertThat(output).contains("retort: " + line).contains("upgrade failed: " + line)
                .contains("application hook: ended");
        assertThat(cli.versions()).containsExactly(FIRST);
        assertThat(cli.tableExists("second")).isFalse();
    }

    @Test
    void anApplicationStoppedAfterAStepSentWithItsCommitSaysWhereTheDatabaseStands() throws Exception {
        // The step traps the cancel of its statement and commits: it comes back applied, after the stop.
        Cli cli = withSecond("CREATE TABLE second (id int);\nDO $$BEGIN PERFORM pg_sleep(5); "
                + "EXCEPTION WHEN query_canceled THEN NULL; END$$;");
        cli.sql(THIRD, SECOND, "third", "CREATE TABLE third (id int);", "DROP TABLE third;");
        cli.ok("upgrade", FIRST);
        Path log = dir.resolve("application.log");
        Process process = startApplication(cli, log);
        try {
            waitForStatement(cli, process, log, "pg_sleep(5)");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("the application ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        // The hook could not know; the run, whose step came back committed, does, and the next was never sent.
        assertThat(output).contains("retort: stopped while the upgrade of revision " + SECOND)
                .contains("upgrade failed: stopped after the upgrade of revision " + SECOND + ": the database is at "
                        + SECOND + "; run the command again to go on.")
                .doesNotContain(THIRD);
        assertThat(process.exitValue()).as(output).isEqualTo(143);
        assertThat(cli.versions()).containsExactly(SECOND);
        assertThat(cli.tableExists("third")).isFalse();
    }

    @Test
    void anApplicationStoppedDuringAStepSentWithItsCommitCancelsItAndSaysItWasNotApplied() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);\nDO $$BEGIN PERFORM pg_sleep(30); END$$;");
        cli.ok("upgrade", FIRST);

        String output = stopApplicationDuring(cli, "pg_sleep(30)");

        // The hook could not know whether the COMMIT would run; the run read the version table once it was back.
        assertThat(output).contains("retort: stopped while the upgrade of revision " + SECOND + " ("
                + dir.resolve(SECOND_FILE) + ") ran, sent with its COMMIT: it is applied whole or not at all")
                .contains("upgrade failed: stopped while the upgrade of revision " + SECOND + " ("
                        + dir.resolve(SECOND_FILE) + ") ran, sent with its COMMIT: the stop cancelled it before it "
                        + "committed, so the database is at " + FIRST + "; run the command again.")
                .contains("application hook: ended");
        assertThat(cli.versions()).containsExactly(FIRST);
        assertThat(cli.tableExists("second")).isFalse();
    }

    @Test
    void aStoppedTestDropsItsScratchDatabaseAndTheRolesItMade() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);\nSELECT pg_sleep(30);");
        // Roles belong to the server, which other tests share: a name of its own keeps it apart from theirs.
        String role = "owner_" + Long.toHexString(System.nanoTime());
        cli.sql(FIRST, "none", "first", "CREATE TABLE first (id int);\nCREATE ROLE " + role + " NOLOGIN;",
                "DROP TABLE first;\nDROP ROLE " + role + ";");
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "[test]\ndatabase_url = \"postgresql://postgres@" + db.getHost() + ":" + db.getPort()
                + "/postgres\"\n");
        Path log = dir.resolve("stopped.log");
        Process process = cli.start(log, "test");
        String scratch;
        try {
            // Tests running at once make scratch databases of their own on the server: this one sleeps.
            String running = waitForStatement(cli, process, log, "SELECT pg_sleep(30)", "LIKE 'retort\\_test\\_%'");
            scratch = cli.column(running.replace("SELECT pid", "SELECT datname")).get(0);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(143);

        assertThat(lastLine(output)).isEqualTo("retort: stopped while testing revision " + SECOND + " ("
                + SECOND_FILE.substring(SECOND_FILE.lastIndexOf('/') + 1) + "): dropped the scratch database "
                + scratch + " and the role " + role + ", made while the test ran; the project's database was not "
                + "touched.");
        assertThat(output.strip().lines()).as("nothing but the line of the stop").hasSize(1);
        assertThat(cli.column("SELECT datname FROM pg_database WHERE datname = '" + scratch + "'")).isEmpty();
        assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname = '" + role + "'")).isEmpty();
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aTestStoppedWhileItMakesItsScratchDatabaseDropsTheDatabaseOnceMade() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);");
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        String server = "postgresql://postgres@" + db.getHost() + ":" + db.getPort();
        cli.write("retort.toml", "[test]\ndatabase_url = \"" + server + "/postgres\"\n");
        Path log = dir.resolve("stopped.log");
        Process process;
        // CREATE DATABASE copies template1, and waits (up to five seconds) for the sessions in it to go: this one.
        try (Connection template = DriverManager.getConnection("jdbc:postgresql://" + db.getHost() + ":"
                + db.getPort() + "/template1", "postgres", null)) {
            process = cli.start(log, "test");
            try {
                waitForStatement(cli, process, log, "CREATE DATABASE retort_test_", "= 'postgres'");
                process.destroy(); // SIGTERM
                // Had the stop not waited for the CREATE, the process would end here, the database not there yet.
                process.waitFor(1, TimeUnit.SECONDS);
            } catch (Throwable e) {
                process.destroyForcibly();
                throw e;
            }
        }
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(143);
        Matcher dropped = Pattern.compile("dropped the scratch database (retort_test_[0-9a-f]+)").matcher(output);
        assertThat(dropped.find()).as(output).isTrue();
        // The server ends the CREATE that the stopped process sent, whether or not that process waited for it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cli.column("SELECT pid FROM pg_stat_activity WHERE query LIKE 'CREATE DATABASE "
                + dropped.group(1) + "%'").isEmpty()) {
            assertThat(System.nanoTime()).as("the CREATE DATABASE ends").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(cli.column("SELECT datname FROM pg_database WHERE datname = '" + dropped.group(1) + "'"))
                .as(output).isEmpty();
    }

    @Test
    void aTestStoppedWhileItComparesTheModelsDropsTheDevDatabaseItWasBuilding() throws Exception {
        Cli cli = withSecond("CREATE TABLE second (id int);");
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "[test]\ndatabase_url = \"postgresql://postgres@" + db.getHost() + ":" + db.getPort()
                + "/postgres\"\n[models]\nschema_file = \"schema.sql\"\n");
        // The model is applied in a dev database of its own in the project's embedded PostgreSQL: this one sleeps.
        cli.write("schema.sql", "CREATE TABLE first (id int);\nCREATE TABLE second (id int);\nSELECT pg_sleep(30);\n");
        Path state = dir.resolve(".retort");
        // Started here, so that the test and this method do not both start it.
        EmbeddedPostgres embedded = EmbeddedPostgres.startOrReuse(state);
        try (Connection server = DriverManager.getConnection(embedded.jdbcUrl("postgres"),
                embedded.connectionProperties())) {
            Path log = dir.resolve("stopped.log");
            Process process = cli.start(log, "test");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (column(server, "SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' "
                        + "AND datname LIKE 'retort\\_dev\\_%'").isEmpty()) {
                    assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
                    assertThat(System.nanoTime()).as("the model's DDL sleeps").isLessThan(deadline);
                    Thread.sleep(20);
                }
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(143);
            assertThat(lastLine(output)).startsWith("retort: stopped while comparing the models with the head: "
                    + "dropped the scratch database retort_test_");
            assertThat(output.strip().lines()).as("nothing but the line of the stop").hasSize(1);
            assertThat(column(server, "SELECT datname FROM pg_database WHERE datname LIKE 'retort\\_dev\\_%'"))
                    .as("the half-built dev database").isEmpty();
        } finally {
            EmbeddedPostgres.discardProject(state);
        }
    }

    private static List<String> column(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /**
     * An application that upgrades at its start, on its main thread, and whose shutdown hook waits for that thread,
     * as a framework's shutdown waits for the start it runs the upgrade in.
     */
    public static final class ApplicationStart {
        public static void main(String[] args) throws InterruptedException {
            Path project = Path.of(args[0]);
            RetortConfig config = ConfigLoader.load(Optional.of(project.resolve("retort.toml")), project,
                    System.getenv(), Map.of(), Optional.empty());
            Thread start = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    start.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.println("application hook: ended");
            }));
            try {
                new Retort(config, RunListener.NONE, notice -> { }).upgrade("head");
            } catch (RetortException e) {
                System.err.println("upgrade failed: " + e.getMessage());
            }
        }
    }

    /**
     * Starts {@link ApplicationStart}, stops it with SIGTERM while the server runs {@code sleeping}, and returns its
     * output once it ended as a stopped JVM does, its statement cancelled: neither the statement's own time nor the
     * 10 s that a held-back COMMIT waits for the JVM to end.
     */
    private String stopApplicationDuring(Cli cli, String sleeping) throws Exception {
        Path log = dir.resolve("application.log");
        Process process = startApplication(cli, log);
        long stopped;
        try {
            String running = waitForStatement(cli, process, log, sleeping);

            stopped = System.nanoTime();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("the application ends").isTrue();
            assertThat(cli.column(running)).as("the statement was cancelled").isEmpty();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(8));
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(143);
        return output;
    }

    /** Starts {@link ApplicationStart} on this test's project, its output going to {@code log}. */
    private Process startApplication(Cli cli, Path log) throws IOException {
        ProcessBuilder application = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ApplicationStart.class.getName(),
                dir.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        application.environment().putAll(cli.environment);
        return application.start();
    }

    /**
     * Runs {@code upgrade head} as a process, stops it with SIGTERM while the server runs {@code sleeping}, waits
     * for the server to end that statement, and returns the process's output.
     */
    private String stopDuring(Cli cli, String sleeping) throws Exception {
        Path log = dir.resolve("stopped.log");
        Process process = cli.start(log, "upgrade", "head");
        String running = waitForStatement(cli, process, log, sleeping);

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(143);

        // The server notices that the client is gone and cancels the statement (client_connection_check_interval).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cli.column(running).isEmpty()) {
            assertThat(System.nanoTime()).as("the stopped run's statement ends").isLessThan(deadline);
            Thread.sleep(50);
        }
        return output;
    }

    /** Waits until the server runs {@code sleeping} for {@code process}; returns the query that finds it running. */
    private static String waitForStatement(Cli cli, Process process, Path log, String sleeping) throws Exception {
        return waitForStatement(cli, process, log, sleeping, "= current_database()");
    }

    /** Like {@link #waitForStatement(Cli, Process, Path, String)}, in a database whose name is {@code database}. */
    private static String waitForStatement(Cli cli, Process process, Path log, String sleeping, String database)
            throws Exception {
        // Only Retort's sessions: the backend of a connection this loop closed can linger, idle, with this very
        // query (which names the statement) as its last; it matched, and the process was stopped before its run.
        String running = "SELECT pid FROM pg_stat_activity WHERE query LIKE '%" + sleeping.replace("'", "''")
                + "%' AND datname " + database + " AND application_name = 'retort'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cli.column(running).isEmpty()) {
            assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("the migration sleeps on the server").isLessThan(deadline);
            Thread.sleep(20);
        }
        return running;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
