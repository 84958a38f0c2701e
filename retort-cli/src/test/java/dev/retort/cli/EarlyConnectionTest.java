package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that connect open their connection while they read the migration files. A command that fails before
 * taking that connection must close it, and a command that fails to connect must say so as it did before.
 */
class EarlyConnectionTest {
    private static final int RUNS = 20;

    @TempDir
    Path dir;

    @Test
    void aCommandThatFailsOnItsFilesLeavesNoConnectionOpen() throws InterruptedException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/aaaaaaaaaaaa_broken.sql", "CREATE TABLE t (id int);\n-- +upgrade\n");
        String database = cli.column("SELECT current_database()").get(0);
        for (int i = 0; i < RUNS; i++) {
            Cli.Result r = i % 2 == 0 ? cli.run("current") : cli.run("upgrade", "head");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("aaaaaaaaaaaa_broken.sql:1: SQL before the '-- +upgrade' marker");
        }
        // A connection that was still opening when its command failed is closed as soon as it is open.
        assertNoConnectionsLeft(cli, database);
    }

    @Test
    void commandsThatSucceedCloseEveryConnection() throws InterruptedException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(3);
        String database = cli.column("SELECT current_database()").get(0);
        cli.ok("upgrade", "head");
        cli.ok("current");
        cli.ok("downgrade", "-1");
        cli.ok("stamp", ids.get(2));
        cli.ok("validate");
        cli.ok("history", "-r", "current:");
        assertNoConnectionsLeft(cli, database);
    }

    @Test
    void aWrongPasswordIsStillOneLineNamingTheDatabase() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        Cli.Result r = cli.run("--url", "postgresql://nobody:wrong@127.0.0.1:1/none", "current");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("retort:")).toList()).hasSize(1);
        assertThat(r.err()).contains("127.0.0.1:1").doesNotContain("wrong").doesNotContain("\tat ");
    }

    /**
     * First waits for the threads that open connections ahead of their commands: on a loaded machine one can still be
     * connecting when its command has failed, its session not yet in pg_stat_activity, and a count of none then
     * proved nothing (it was 1 at the next look). Once the thread has ended, its connection is closed. The server
     * ends a backend a moment after its client closes the socket, and a loaded machine can take a while to; a
     * connection left open stays past any such moment.
     */
    private static void assertNoConnectionsLeft(Cli cli, String database) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (connecting() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(connecting()).as("a thread still opens a connection after 10 s").isFalse();
        while (retortConnections(cli, database) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(retortConnections(cli, database)).isZero();
    }

    private static boolean connecting() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("retort-connect") && t.isAlive());
    }

    private static int retortConnections(Cli cli, String database) {
        return Integer.parseInt(cli.column("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retort'"
                + " AND datname = '" + database + "'").get(0));
    }
}
