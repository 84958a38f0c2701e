package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of {@code --backup} with version tables of their own on one database (a schema per tenant, migrated in
 * parallel) do not hold each other's run lock, and share the backup schema and its catalog: one making the schema,
 * or a copy's name, while the other's transaction is still open must not fail the other.
 */
class ConcurrentBackupTest {
    @TempDir
    Path dir;

    /** A project of tenant {@code schema}, whose one revision drops {@code schema.t} and then waits {@code pause}. */
    private Cli tenant(String schema, String database, String pause) {
        Cli cli = new Cli(dir.resolve(schema), database);
        cli.write("retort.toml", "script_location = \"migrations\"\nversion_table = \"version_" + schema + "\"\n");
        cli.sql("aaaaaaaaaaa2", "none", "drop t", "DROP TABLE " + schema + ".t;" + pause,
                "CREATE TABLE " + schema + ".t (id int PRIMARY KEY, v text);");
        cli.execute("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".t (id int PRIMARY KEY, v text); "
                + "INSERT INTO " + schema + ".t VALUES (1, '" + schema + "')");
        return cli;
    }

    /** Starts tenant a's upgrade in a process of its own and returns once its copy is made and it is pausing. */
    private Process pausing(Cli a, Path log) throws Exception {
        Process run = a.start(log, "upgrade", "head", "--backup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (a.column("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(%' AND state = 'active' "
                + "AND datname = current_database()").isEmpty()) {
            assertThat(run.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
        return run;
    }

    /** Runs tenant b's upgrade while tenant a's pauses after making its copy; both must succeed. */
    private void runBothAtOnce(Cli a, Cli b) throws Exception {
        Path log = dir.resolve("a.log");
        Process first = pausing(a, log);
        Cli.Result second = b.run("upgrade", "head", "--backup");

        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(log)).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
    }

    @Test
    void twoRunsThatBothMakeTheBackupSchemaBothSucceed() throws Exception {
        String database = TestPostgres.freshDatabase();
        Cli a = tenant("a", database, "\nSELECT pg_sleep(3);");
        Cli b = tenant("b", database, "");

        runBothAtOnce(a, b);

        assertThat(b.column("SELECT source_table || ' ' || backup_table FROM retort_backup.backups ORDER BY id"))
                .containsExactly("a.t aaaaaaaaaaa2_t", "b.t aaaaaaaaaaa2_t_2");
        assertThat(b.column("SELECT v FROM retort_backup.aaaaaaaaaaa2_t_2")).containsExactly("b");
    }

    @Test
    void twoRunsThatWantTheSameFreeNameForTheirCopiesBothSucceed() throws Exception {
        String database = TestPostgres.freshDatabase();
        Cli a = tenant("a", database, "\nSELECT pg_sleep(3);");
        Cli b = tenant("b", database, "");
        // An earlier copy of a.t: both runs find aaaaaaaaaaa2_t taken, and the schema and its catalog there.
        a.sql("aaaaaaaaaaa2", "none", "drop t", "DROP TABLE a.t;", "CREATE TABLE a.t (id int PRIMARY KEY, v text);");
        a.ok("upgrade", "head", "--backup");
        a.ok("downgrade", "base");
        a.execute("INSERT INTO a.t VALUES (1, 'a')");
        a.sql("aaaaaaaaaaa2", "none", "drop t", "DROP TABLE a.t;\nSELECT pg_sleep(3);",
                "CREATE TABLE a.t (id int PRIMARY KEY, v text);");

        runBothAtOnce(a, b);

        assertThat(b.column("SELECT source_table || ' ' || backup_table FROM retort_backup.backups ORDER BY id"))
                .containsExactly("a.t aaaaaaaaaaa2_t", "a.t aaaaaaaaaaa2_t_2", "b.t aaaaaaaaaaa2_t_3");
        assertThat(b.column("SELECT v FROM retort_backup.aaaaaaaaaaa2_t_3")).containsExactly("b");
    }

    @Test
    void thePrintedScriptMakesTheSchemaAndTheCopy() throws Exception {
        Cli b = tenant("b", TestPostgres.freshDatabase(), "");

        String script = b.ok("upgrade", "--sql", "head", "--backup").out();

        // Each part as psql sends it, the comment that names a copy included (Cli.statements leaves such parts out).
        try (Connection c = b.connect(); Statement s = c.createStatement()) {
            for (String part : script.split("\n\n")) {
                if (part.lines().anyMatch(line -> !line.startsWith("-- "))) {
                    s.execute(part.strip().replaceFirst(";$", ""));
                }
            }
        }
        assertThat(b.column("SELECT v FROM retort_backup.aaaaaaaaaaa2_t")).containsExactly("b");
    }
}
