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
    void anErrorStartsOnALineOfItsOwn() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.sql("bad000000002", "a00000000001", "broken", "SELECT * FROM nowhere;", "SELECT 1;");
        Cli.Result r = cli.runAnswering("", "upgrade", "head");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("\r\033[Kretort: Upgrade of revision bad000000002");
    }
}
