package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code UNLOGGED} in a schema file: the table's rows skip the write-ahead log, so a crash empties it and no replica
 * sees them. A migration that created it logged would make every write to it slower; one that left a logged table
 * unlogged would lose its rows.
 */
class UnloggedTablesTest {
    private static final String PERSISTENCE = "SELECT relpersistence::text FROM pg_class WHERE relname = 'cache'";

    @TempDir
    Path dir;

    @Test
    void isCreatedAppliedAndCompared() throws IOException {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", "CREATE UNLOGGED TABLE cache (k text PRIMARY KEY);");
        Path first = cli.autogenerate("cache");
        assertThat(Files.readString(first)).contains(".unlogged()").contains("create unlogged table cache");
        assertThat(cli.ok("upgrade", "head", "--sql").out()).contains("CREATE UNLOGGED TABLE cache (");
        cli.ok("upgrade", "head");
        assertThat(cli.column(PERSISTENCE)).containsExactly("u");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.execute("ALTER TABLE cache SET LOGGED");
        Cli.Result differs = cli.run("check");
        assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(1);
        assertThat(differs.out() + differs.err()).contains("set table cache unlogged");
        cli.execute("ALTER TABLE cache SET UNLOGGED");

        cli.write("schema.sql", "CREATE TABLE cache (k text PRIMARY KEY);");
        String logged = Files.readString(cli.autogenerate("log cache"));
        assertThat(logged).contains("op.setTableLogged(\"cache\");").contains("op.setTableUnlogged(\"cache\");");
        cli.ok("upgrade", "head");
        assertThat(cli.column(PERSISTENCE)).containsExactly("p");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column(PERSISTENCE)).containsExactly("u");
    }
}
