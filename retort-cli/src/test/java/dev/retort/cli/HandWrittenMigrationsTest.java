package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What someone who writes migrations by hand meets: each mistake or limit said plainly, before anything runs. */
class HandWrittenMigrationsTest {
    @TempDir
    Path dir;

    @Test
    void aJavaDowngradeThatThrowsUnsupportedOperationCannotBeRevertedAndLintSaysSo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.chain(1);
        cli.write("migrations/versions/b00000000002_keep.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "b00000000002", down = "a00000000001", message = "keep")
                class Keep_b00000000002 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("CREATE TABLE kept (id int)");
                    }
                    public void downgrade(Operations op) {
                        throw new UnsupportedOperationException("the rows of kept cannot be rebuilt");
                    }
                }
                """);
        cli.sql("c00000000003", "b00000000002", "top", "CREATE TABLE top (id int);", "DROP TABLE top;");
        cli.ok("upgrade", "head");
        String before = cli.snapshot();

        Cli.Result down = cli.run("downgrade", "base");

        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.err()).contains("b00000000002_keep.java: revision b00000000002 cannot be reverted")
                .contains("the rows of kept cannot be rebuilt").doesNotContain("fix the migration");
        assertThat(cli.snapshot()).isEqualTo(before);
        Cli.Result lint = cli.ok("lint");
        assertThat(lint.out()).contains("b00000000002_keep.java: warning RT113 its downgrade() throws "
                + "UnsupportedOperationException, so 'retort downgrade' cannot revert it");
        cli.ok("downgrade", "-1");
        assertThat(cli.versions()).containsExactly("b00000000002");
    }
}
