package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server stopped in the middle of a long upgrade, then started again: the command fails with one
 * plain line, nothing is half-applied, and a rerun completes. The server is this class's own, since it stops.
 */
class ServerRestartTest {
    private static final String PASSWORD = "Restart-S3cret";
    private static EmbeddedPostgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgres.startTemporary();
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    /**
     * Steps commit without waiting for the disk, and the run waits once at its end: a crash right after a run that
     * said it was done loses none of its steps.
     */
    @Test
    void everyStepOfAFinishedRunSurvivesACrashRightAfterIt() throws Exception {
        for (int trial = 0; trial < 3; trial++) {
            String database = "crash_after_" + trial;
            server.createDatabase(database);
            Cli cli = new Cli(dir.resolve(database), server.jdbcUrl(database));
            List<String> ids = cli.chain(CrashTest.MIGRATIONS);
            cli.ok("upgrade", "head");

            server.crash();
            server.start();

            assertThat(cli.versions()).as("trial " + trial).containsExactly(ids.get(ids.size() - 1));
            assertThat(CrashTest.assertConsistent(cli, ids, "trial " + trial)).isEqualTo(ids.size());
        }
    }

    @Test
    void aServerStoppedMidRunFailsTheRunCleanlyAndARerunCompletes() throws Exception {
        long seed = Long.getLong("retort.crash.seed", 20261125L);
        // Two moments: as soon as the first step runs, and somewhere in the first half of the run, whose steps sleep
        // 20 ms each: a stop late in the run could come after its end on a loaded machine.
        long[] delays = {0, new Random(seed).nextInt(CrashTest.MIGRATIONS * 10)};
        for (int trial = 0; trial < delays.length; trial++) {
            String context = "restart " + trial + " (seed " + seed + ", stopped " + delays[trial] + " ms after the first step)";
            String database = "restart_" + trial;
            server.createDatabase(database);
            Cli cli = new Cli(dir.resolve(database), server.jdbcUrl(database));
            cli.environment.put("DATABASE_URL",
                    "postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + server.port() + "/" + database);
            // The first trial's steps go to the server one by one, the second's in groups.
            List<String> ids = cli.chain(CrashTest.MIGRATIONS, trial == 0 ? CrashTest.PAUSE : CrashTest.GROUPED_PAUSE);
            Path log = dir.resolve(database + ".log");

            Process process = cli.start(log, "upgrade", "head");
            CrashTest.awaitOutput(process, log, "Running upgrade", context);
            Thread.sleep(delays[trial]);
            server.stop();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(context).isTrue();
            String output = Files.readString(log);
            server.start();

            assertThat(process.exitValue()).as(context + "\n" + output).isEqualTo(1);
            List<String> errors = output.lines().filter(l -> l.startsWith("retort: ")).toList();
            assertThat(errors).as(context + "\n" + output).hasSize(1);
            assertThat(errors.get(0)).as(context).containsAnyOf("terminating connection", "Lost the connection",
                    "Could not connect").doesNotContain("unexpected error");
            assertThat(output).as(context).doesNotContain("\tat ", "Exception", PASSWORD);
            int applied = CrashTest.assertConsistent(cli, ids, context + "\n" + output);
            assertThat(applied).as(context).isLessThan(CrashTest.MIGRATIONS);

            Cli.Result rerun = cli.ok("upgrade", "head");
            assertThat(rerun.err()).as(context).contains("Applied " + (CrashTest.MIGRATIONS - applied) + " revision");
            assertThat(CrashTest.assertConsistent(cli, ids, context + "\nrerun:\n" + rerun)).isEqualTo(CrashTest.MIGRATIONS);
        }
    }
}
