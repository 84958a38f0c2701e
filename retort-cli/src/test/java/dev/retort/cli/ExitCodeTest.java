package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for exit codes 1 and 2: a target in a form the command does not take (a range for one target, a step or a
 * range the other way, a URL) is a usage error, 2, whatever the project holds; a well-formed name that matches no
 * revision, or several, fails with 1, wherever it is given.
 */
class ExitCodeTest {
    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void twoRevisionsOneApplied() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "one", "CREATE TABLE one (id int);", "DROP TABLE one;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "two", "CREATE TABLE two (id int);", "DROP TABLE two;");
        cli.ok("upgrade", "aaaaaaaaaaa1");
    }

    @Test
    void aTargetTheCommandDoesNotTakeIsAUsageError() {
        assertUsage("upgrade", "-1");
        assertUsage("downgrade", "+1");
        assertUsage("upgrade", "--sql", "-1");
        assertUsage("upgrade", "aaaaaaaaaaa1:aaaaaaaaaaa2");
        assertUsage("downgrade", "aaaaaaaaaaa2:aaaaaaaaaaa1");
        assertUsage("stamp", "aaaaaaaaaaa1:aaaaaaaaaaa2");
        assertUsage("show", "aaaaaaaaaaa1:aaaaaaaaaaa2");
        assertUsage("upgrade", "--sql", "head:base");
        assertUsage("downgrade", "--sql", "base:head");
        assertUsage("upgrade", "postgresql://localhost/app");
        assertUsage("revision", "-m", "x", "--head", "aaaaaaaaaaa1:aaaaaaaaaaa2");
        assertUsage("revision", "-m", "x", "--depends-on", "aaaaaaaaaaa1:aaaaaaaaaaa2");
        assertThat(cli.versions()).as("nothing ran").containsExactly("aaaaaaaaaaa1");
    }

    /** The form is told without a database: none is connected to, nor an embedded server started, for a typo. */
    @Test
    void aTargetTheCommandDoesNotTakeIsRefusedBeforeConnecting() {
        cli.environment.put("DATABASE_URL", "postgresql://127.0.0.1:1/nowhere?user=postgres&connectTimeout=1");
        for (String[] args : new String[][] {{"upgrade", "-1"}, {"downgrade", "+1"}, {"upgrade", "a:b"},
                {"downgrade", "aaaaaaaaaaa2:aaaaaaaaaaa1"}, {"stamp", "x:y"}}) {
            assertUsage(args);
            assertThat(cli.run(args).err()).doesNotContain("127.0.0.1");
        }
    }

    /** A middle end was taken for a revision: 'b:c' was "a range", or 'a' a name that matches nothing (1). */
    @Test
    void aRangeOfThreeEndsIsAUsageErrorThatQuotesIt() {
        for (String[] args : new String[][] {{"history", "-r", "a:b:c"}, {"upgrade", "--sql", "base:head:x"},
                {"downgrade", "--sql", "head:base:x"}, {"downgrade", "--sql", "a:b:c"}}) {
            assertUsage(args);
            assertThat(cli.run(args).err()).contains("The range '" + args[2] + "' has more than one colon; write ");
        }
    }

    @Test
    void aNameThatMatchesNoRevisionFailsWhereverItIsGiven() {
        assertFailure("show", "zzzz");
        assertFailure("upgrade", "zzzz");
        assertFailure("downgrade", "zzzz");
        assertFailure("stamp", "zzzz");
        assertFailure("history", "-r", "zzzz:");
        assertFailure("revision", "-m", "x", "--head", "zzzz");
        assertFailure("revision", "-m", "x", "--depends-on", "zzzz");
        assertFailure("upgrade", "aaaa");
        assertThat(cli.versions()).as("nothing ran").containsExactly("aaaaaaaaaaa1");
        assertThat(dir.resolve("migrations/versions").toFile().list()).as("no file written").hasSize(2);
    }

    private void assertUsage(String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().filter(line -> line.startsWith("retort: "))).as(result.toString()).hasSize(1);
    }

    private void assertFailure(String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).as(result.toString()).contains("matches");
    }
}
