package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index key's collation, when it is not its column's own, is read, written into the migration and compared. */
class IndexCollationTest {
    private static final String WORDS = "CREATE TABLE words (id int PRIMARY KEY, a text, b text COLLATE \"C\");\n";

    @TempDir
    Path dir;

    @Test
    void anIndexKeysCollationIsWrittenAppliedAndCompared() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "script_location = \"migrations\"\n[models]\nschema_file = \"schema.sql\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        // b's own collation is C already: its key has no collation of its own to write.
        cli.write("schema.sql", WORDS + "CREATE INDEX words_a_idx ON words (a COLLATE \"C\" text_pattern_ops);\n"
                + "CREATE INDEX words_b_idx ON words (b);\n");

        String source = Files.readString(cli.autogenerate("words"));

        assertThat(source).contains("IndexElement.column(\"a\").collation(\"C\").operatorClass(\"text_pattern_ops\")")
                .doesNotContain("IndexElement.column(\"b\").collation");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.write("schema.sql", WORDS + "CREATE INDEX words_a_idx ON words (a text_pattern_ops);\n"
                + "CREATE INDEX words_b_idx ON words (b);\n");
        Cli.Result changed = cli.run("check");

        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(1);
        assertThat(changed.out()).contains("words_a_idx");
    }
}
