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

/** A migration that cannot get its lock gives up after lock_timeout, rolls back, and is tried again. */
class LockTimeoutTest {
    @TempDir
    Path dir;

    private Cli withTable() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE busy (id int);", "DROP TABLE busy;");
        cli.ok("upgrade", "head");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "alter", "ALTER TABLE busy ADD COLUMN note text;",
                "ALTER TABLE busy DROP COLUMN note;");
        cli.write("retort.toml", "lock_timeout = \"200ms\"\nlock_timeout_retries = 3\n");
        return cli;
    }

    /** A competing transaction that holds a lock on the table for {@code millis}. */
    private CompletableFuture<Void> holdLock(Cli cli, long millis, CompletableFuture<Void> locked) {
        return holdLock(cli, millis, locked, false);
    }

    /**
     * A competing transaction that holds a lock on the table for {@code millis}, counted from when it locks or, if
     * {@code fromWaiter}, from when another session waits for the table: a loaded machine may take longer than any
     * fixed time to start the run and reach its step.
     */
    private CompletableFuture<Void> holdLock(Cli cli, long millis, CompletableFuture<Void> locked,
            boolean fromWaiter) {
        return CompletableFuture.runAsync(() -> {
            try (Connection c = cli.connect()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
                }
                locked.complete(null);
                if (fromWaiter) {
                    untilWaitedFor(cli);
                }
                Thread.sleep(millis);
                c.rollback();
            } catch (Exception e) {
                locked.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until a session waits for a lock on the table, for at most 60 seconds. */
    private static void untilWaitedFor(Cli cli) throws Exception {
        try (Connection c = cli.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 6000; i++) {
                try (ResultSet r = s.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE relation = 'busy'::regclass AND NOT granted")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("no session waited for the lock on busy within 60 s");
    }

    @Test
    void aLockReleasedSoonIsWaitedForByRetrying() throws Exception {
        Cli cli = withTable();
        CompletableFuture<Void> locked = new CompletableFuture<>();
        // lock_timeout is 200ms: the first try gives up while the lock is held, and a later one gets it.
        CompletableFuture<Void> holder = holdLock(cli, 400, locked, true);
        locked.get(10, TimeUnit.SECONDS);
        Cli.Result r = cli.ok("upgrade", "head");
        holder.get(10, TimeUnit.SECONDS);
        assertThat(r.err()).contains("Revision aaaaaaaaaaa2 waited too long for a lock (lock_timeout) and was rolled back")
                .contains("(1 of 3)");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa2");
        assertThat(cli.column("SELECT count(*) FROM retort_history WHERE revision = 'aaaaaaaaaaa2'")).containsExactly("1");
    }

    /** {@code retort upgrade head} while a competing transaction holds a lock on the table for {@code millis}. */
    private Cli.Result upgradeWhileLocked(Cli cli, long millis) throws Exception {
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> holder = holdLock(cli, millis, locked);
        locked.get(10, TimeUnit.SECONDS);
        Cli.Result r = cli.run("upgrade", "head");
        holder.get(10, TimeUnit.SECONDS);
        return r;
    }

    @Test
    void aLockHeldTooLongFailsAfterTheRetriesAndChangesNothing() throws Exception {
        Cli cli = withTable();
        cli.write("retort.toml", "lock_timeout = \"100ms\"\nlock_timeout_retries = 1\n");
        Cli.Result r = upgradeWhileLocked(cli, 4000);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("(1 of 1)").contains("lock timeout").contains("raise lock_timeout in retort.toml")
                .contains("the database stays at aaaaaaaaaaa1");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    @Test
    void withoutRetriesALockTimeoutFailsAtOnceNamingTheRevision() throws Exception {
        Cli cli = withTable();
        cli.write("retort.toml", "lock_timeout = \"100ms\"\nlock_timeout_retries = 0\n");
        Cli.Result r = upgradeWhileLocked(cli, 3000);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("retort: Upgrade of revision aaaaaaaaaaa2 (").contains("lock timeout")
                .contains("raise lock_timeout in retort.toml").contains("the database stays at aaaaaaaaaaa1")
                .doesNotContain("waited too long").doesNotContain("\tat ");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }

    @Test
    void aLockTimeoutTheMigrationSetsIsTheOneNamed() throws Exception {
        Cli cli = withTable();
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "alter", "SET lock_timeout = '100ms';\n"
                + "ALTER TABLE busy ADD COLUMN note text;", "ALTER TABLE busy DROP COLUMN note;");
        cli.write("retort.toml", "lock_timeout = \"30s\"\nlock_timeout_retries = 0\n");
        Cli.Result r = upgradeWhileLocked(cli, 3000);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("lock timeout").contains("try again when it is done, or raise the lock_timeout "
                + "the migration sets (100ms, over the run's 30s from retort.toml).")
                .doesNotContain("raise lock_timeout in retort.toml");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa1");
    }
}
