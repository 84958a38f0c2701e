package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long runs show where they are: a live line on a terminal, plain lines otherwise, then a summary. */
class ProgressTest {
    @TempDir
    Path dir;

    @Test
    void plainLinesWhenNotOnATerminal() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(3);
        Cli.Result r = cli.ok("upgrade", "head");
        assertThat(r.err()).doesNotContain("\r").contains("Running upgrade -> a00000000001, step 1\n")
                .contains("Running upgrade a00000000002 -> a00000000003, step 3\n")
                .containsPattern("Applied 3 revisions in \\d+\\.\\d+ s; the database is at a00000000003\\.");
    }

    @Test
    void aLiveCounterOnATerminal() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(3);
        Cli.Result r = cli.runAnswering("", "upgrade", "head");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("\r\033[K[1/3] Running upgrade -> a00000000001, step 1")
                .contains("\r\033[K[3/3] Running upgrade a00000000002 -> a00000000003, step 3")
                .containsPattern("\r\033\\[KApplied 3 revisions in \\d+\\.\\d+ s");
        Cli.Result down = cli.runAnswering("", "downgrade", "base");
        assertThat(down.err()).contains("[1/3] Running downgrade a00000000003 -> a00000000002, step 3")
                .contains("Reverted 3 revisions");
    }

    @Test
    void plainLinesOnATerminalWithNoColorOrADumbTerminal() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.environment.put("NO_COLOR", "1");
        assertThat(cli.runAnswering("", "upgrade", "head").err()).doesNotContain("\033").doesNotContain("\r")
                .contains("Running upgrade -> a00000000001, step 1\n");
        cli.environment.remove("NO_COLOR");
        cli.environment.put("TERM", "dumb");
        assertThat(cli.runAnswering("", "downgrade", "base").err()).doesNotContain("\033").doesNotContain("\r")
                .contains("Running downgrade a00000000001 -> , step 1\n");
    }

    /** A step whose migration printed something keeps its live line, with the messages under it. */
    @Test
    void aStepThatPrintedKeepsItsLiveLine() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_chatty.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "a00000000001", message = "chatty")
                class Chatty_a00000000001 implements Migration {
                    public void upgrade(Operations op) {
                        System.out.println("chatty says");
                        op.execute("CREATE TABLE chatty (id int)");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);
        cli.sql("b00000000002", "a00000000001", "quiet", "CREATE TABLE quiet (id int);", "DROP TABLE quiet;");

        Cli.Result r = cli.runAnswering("", "upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("\r\033[K[1/2] Running upgrade -> a00000000001, chatty\n\r\033[K[2/2] ")
                .contains("[2/2] Running upgrade a00000000001 -> b00000000002, quiet\r\033[KApplied 2 revisions");
    }

    @Test
    void anErrorStartsOnALineOfItsOwn() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.sql("bad000000002", "a00000000001", "broken", "SELECT * FROM nowhere;", "SELECT 1;");
        Cli.Result r = cli.runAnswering("", "upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("\r\033[Kretort: Upgrade of revision bad000000002");
    }
}
