package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements logged at DEBUG say what ran: statements sent to the server together are logged as such, before
 * they go, and a failure says which of them failed, so that the COMMIT and the version row logged after it are not
 * read as run.
 */
class DebugLogTest {
    @TempDir
    Path dir;

    @Test
    void aFailedStatementSentTogetherWithOthersIsNamedInTheLog() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("a00000000001", "none", "boom", "CREATE TABLE t_1 (id int);\nINSERT INTO t_1 VALUES ('x');",
                "DROP TABLE t_1;");
        Path log = dir.resolve("debug.log");

        Process process = cli.start(log, "--debug", "upgrade", "head");

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(log);
        // BEGIN, the two statements, the version and history rows, COMMIT: the INSERT, the third, failed.
        assertThat(output).containsPattern("DEBUG JdbcTarget - \\d+ statements sent together as (a batch|one query), "
                + "run in order:\n[^\n]*DEBUG JdbcTarget - BEGIN\n")
                .containsPattern("DEBUG JdbcTarget - Statement 3 of the \\d+ sent together failed "
                        + "\\(SQL state 22P02\\); the \\d+ after it did not run\n");
        assertThat(cli.tableExists("t_1")).isFalse();
    }

    @Test
    void aSyntaxErrorInAQuerySaysThatNoneOfItRan() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        // The first group is the first step, the second the next two, sent as one query.
        cli.sql("a00000000001", "none", "one", "CREATE TABLE t_1 (id int);", "DROP TABLE t_1;");
        cli.sql("a00000000002", "a00000000001", "two", "CREATE TABLE t_2 (id int);", "DROP TABLE t_2;");
        cli.sql("a00000000003", "a00000000002", "three", "INSERT INTO t_2 VALUES (1 1);", "DELETE FROM t_2;");
        Path log = dir.resolve("debug.log");

        Process process = cli.start(log, "--debug", "upgrade", "head");

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(log);
        assertThat(output).containsPattern("DEBUG JdbcTarget - Statement (\\d+) of the (\\d+) sent together failed "
                + "\\(SQL state 42601\\) as the server parsed its query, which it then refused whole: none of "
                + "statements 1 to \\2 ran\n");
        assertThat(cli.versions()).containsExactly("a00000000002");
    }
}
