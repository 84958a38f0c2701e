package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code idle_session_timeout} that the database (or the role) sets ends any session idle for longer, also the
 * run's lock session, which waits idle while the steps run on the other: the run must keep both.
 */
class IdleSessionTimeoutTest {
    @TempDir
    Path dir;

    /** A fresh database whose sessions end after a second idle. */
    private Cli idleAfterOneSecond() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.execute("DO $$BEGIN EXECUTE format('ALTER DATABASE %I SET idle_session_timeout = ''1s''', "
                + "current_database()); END$$");
        return cli;
    }

    @Test
    void aRunLongerThanTheDatabasesIdleSessionTimeoutKeepsItsSessionsAndSucceeds() {
        Cli cli = idleAfterOneSecond();
        cli.sql("e00000000001", "none", "slow", "CREATE TABLE t1 (id int);\nSELECT pg_sleep(1.5);", "DROP TABLE t1;");
        cli.sql("e00000000002", "e00000000001", "slower", "CREATE TABLE t2 (id int);\nSELECT pg_sleep(1.5);",
                "DROP TABLE t2;");

        Cli.Result up = cli.run("upgrade", "head");
        Cli.Result down = cli.run("downgrade", "base");

        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.err()).contains("Applied 2 revisions");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(cli.versions()).isEmpty();
    }

    /** A stamp that waits for a run's lock keeps its own session meanwhile, and stamps once the run is done. */
    @Test
    void aStampWaitingForAnotherRunLongerThanTheTimeoutKeepsItsSession() throws Exception {
        Cli cli = idleAfterOneSecond();
        cli.sql("e00000000001", "none", "slow", "CREATE TABLE t1 (id int);\nSELECT pg_sleep(3);", "DROP TABLE t1;");
        Path log = dir.resolve("upgrade.log");
        Process upgrade = cli.start(log, "upgrade", "head");
        CrashTest.awaitOutput(upgrade, log, "Running upgrade", "upgrade");

        Cli.Result stamp = cli.run("stamp", "e00000000001");

        assertThat(upgrade.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(upgrade.exitValue()).as(Files.readString(log)).isZero();
        assertThat(stamp.exitCode()).as(stamp.toString()).isZero();
        assertThat(stamp.err()).contains("Waiting for another retort run");
        assertThat(cli.versions()).containsExactly("e00000000001");
    }
}
