package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and comments that the database or the models hold, with line breaks, {@code *}{@code /} and escape sequences
 * in them, stay inside the comments of a generated migration and are written out on the terminal: a line break would
 * make the rest of a dropped table's name code or a statement of the new migration, which the next upgrade runs.
 */
class HostileDatabaseNamesTest {
    private static final char ESC = '\u001b';

    @TempDir
    Path dir;

    @Test
    void aDroppedTablesNameStaysInTheCommentsOfAJavaMigration() throws IOException {
        Cli cli = project();
        String name = "z\nop.execute(\"CREATE TABLE IF NOT EXISTS inj()\");//*/" + ESC + "[31m";
        cli.execute("CREATE TABLE " + quoted(name) + " (id int)");

        String source = Files.readString(cli.autogenerate("drop z"));
        assertThat(source.lines()).noneMatch(line -> line.strip().startsWith("op.execute(\"CREATE TABLE"));
        assertThat(source).doesNotContain(String.valueOf(ESC));
        assertThat(source).contains("// DATA LOSS: drop table z\\nop.execute(");

        Cli.Result offline = cli.ok("upgrade", "head", "--sql");
        assertThat(offline.outLines()).noneMatch(line -> line.startsWith("CREATE TABLE IF NOT EXISTS inj"));
        cli.ok("upgrade", "head");
        assertThat(cli.tableExists("inj")).isFalse();
        assertThat(cli.tableExists(name)).isFalse();
    }

    @Test
    void aDroppedTablesNameStaysInTheCommentsOfASqlMigration() throws IOException {
        Cli cli = project();
        String name = "w\nCREATE TABLE inj_sql(); --*/" + ESC + "[31m";
        cli.execute("CREATE TABLE " + quoted(name) + " (id int)");

        String source = Files.readString(cli.autogenerate("drop w", "--sql-file"));
        assertThat(source).contains("-- DATA LOSS: drop table w\\nCREATE TABLE inj_sql(); --*/\\u001b[31m");
        assertThat(source.lines().filter(line -> line.startsWith("--"))).noneMatch(line -> line.indexOf(ESC) >= 0);

        cli.ok("upgrade", "head");
        assertThat(cli.tableExists("inj_sql")).isFalse();
        assertThat(cli.tableExists(name)).isFalse();
    }

    @Test
    void checkAndAutogenerateWriteOutTheEscapesOfNamesAndComments() {
        Cli cli = project();
        cli.write("schema.sql", "CREATE TABLE t1 (id int);\nCOMMENT ON TABLE t1 IS E'\\033[35mcomment';\n"
                + "CREATE TABLE \"e" + ESC + "[31mvil\" (id int);\n");
        cli.execute("CREATE TABLE \"d" + ESC + "[31mbtab\" (id int)");

        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.toString()).doesNotContain(String.valueOf(ESC)).contains("drop table d\\u001b[31mbtab");

        Cli.Result generated = cli.ok("revision", "--autogenerate", "-m", "escapes");
        assertThat(generated.toString()).doesNotContain(String.valueOf(ESC))
                .contains("Detected create table e\\u001b[31mvil").contains("\\u001b[35mcomment");
    }

    /** A project whose models hold {@code t1}, on a database that holds it too. */
    private Cli project() {
        Cli cli = Cli.withSchemaFile(dir);
        cli.write("schema.sql", "CREATE TABLE t1 (id int);\n");
        cli.execute("CREATE TABLE t1 (id int)");
        return cli;
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
