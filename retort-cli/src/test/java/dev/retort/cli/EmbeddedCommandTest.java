package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retort embedded status} and {@code stop}, on the embedded PostgreSQL that the commands of a project with no
 * database configured start in its {@code .retort/}.
 */
class EmbeddedCommandTest {
    private static final String USERS = "aaaaaaaaaaa1";

    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServer() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    /** A project with one migration and no database configured: its commands use the embedded PostgreSQL. */
    private Cli project() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        cli.environment.remove("DATABASE_URL");
        cli.sql(USERS, "none", "users", "CREATE TABLE users (id int PRIMARY KEY);\nINSERT INTO users VALUES (1);",
                "DROP TABLE users;");
        return cli;
    }

    @Test
    void statusShowsTheRunningServerStopStopsItAndTheNextCommandStartsItWithItsData() throws Exception {
        Cli cli = project();
        cli.ok("upgrade", "head");
        String url = cli.ok("current", "-v").outLines().get(0)
                .replaceFirst("^Current revision\\(s\\) for (.*):$", "$1");

        Cli.Result running = cli.ok("embedded", "status");

        long pid = Long.parseLong(record().getProperty("pid"));
        String data = Display.path(dir, Path.of(record().getProperty("data_directory")));
        String port = record().getProperty("port");
        // Run as root, the server's account cannot enter the @TempDir (mode 700): a last line says where the data is.
        boolean outside = !Path.of(record().getProperty("data_directory")).startsWith(dir);
        assertThat(running.outLines()).as(running.toString()).hasSize(outside ? 8 : 7).startsWith("status: running",
                "url: " + url,
                "psql: PGPASSFILE=.retort/pgpass psql -h 127.0.0.1 -p " + port + " -U postgres retort",
                "pid: " + pid, "data directory: " + data);
        assertThat(running.outLines().get(5)).matches("version: PostgreSQL \\d+\\.\\d+.*");
        assertThat(running.outLines().get(6)).startsWith("log: ").endsWith("server.log");
        assertThat(url).isEqualTo("postgresql://postgres:***@127.0.0.1:" + port + "/retort");
        assertThat(running.out()).doesNotContain(Files.readString(dir.resolve(".retort/postgres.password")).strip());
        assertThat(alive(pid)).isTrue();

        Cli.Result stop = cli.ok("embedded", "stop");

        assertThat(stop.out()).isEqualTo("Stopped the embedded PostgreSQL in .retort/ (pid " + pid + ").\n");
        assertThat(alive(pid)).as("the server is gone when stop returns").isFalse();
        Cli.Result stopped = cli.ok("embedded", "status");
        assertThat(stopped.outLines()).startsWith("status: stopped (the next command that needs it starts it)",
                "data directory: " + data);
        assertThat(stopped.outLines().get(2)).matches("version: PostgreSQL \\d+");
        assertThat(cli.ok("embedded", "stop").out()).isEqualTo("No embedded PostgreSQL was running in .retort/.\n");

        // Stopped cleanly, so nothing was lost: the next command starts the server again, with the applied migration.
        assertThat(cli.ok("current").out()).isEqualTo(USERS + " (head)\n");
        Cli.Result again = cli.ok("embedded", "status");
        assertThat(again.outLines()).startsWith("status: running", "url: " + url)
                .doesNotContain("pid: " + pid).contains("pid: " + record().getProperty("pid"));
        assertThat(Files.readString(Path.of(record().getProperty("data_directory")).resolveSibling("server.log")))
                .contains("received fast shutdown request");
    }

    /**
     * Run as root in a directory that the server's account (nobody) cannot enter, the data lives outside the project,
     * and still goes with {@code .retort/}: deleting that resets the database, as it does where the data lives in it.
     */
    @Test
    void deletingRetortForgetsTheDatabaseWhoseDataLivesOutsideTheProject() throws Exception {
        assumeThat((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).as("running as root").isZero();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Cli cli = project();
        cli.ok("upgrade", "head");
        Path instance = Path.of(record().getProperty("data_directory")).getParent();
        assertThat(instance.startsWith(dir)).as(instance.toString()).isFalse();

        cli.ok("embedded", "stop");
        deleteTree(dir.resolve(".retort"));

        assertThat(cli.ok("embedded", "status").out()).startsWith("status: none");
        assertThat(cli.ok("current").out()).isEmpty();
        assertThat(Path.of(record().getProperty("data_directory")).getParent()).isEqualTo(instance);
        assertThat(cli.ok("embedded", "status").outLines()).last().isEqualTo("note: the data lives outside the "
                + "project, in " + instance + " (the server's account cannot enter the project's directory); deleting "
                + ".retort/ forgets it, and the next start here deletes it, or delete it yourself after `retort "
                + "embedded stop`");
    }

    /**
     * {@code pg_ctl} starts the server through the shell, with the data directory in double quotes: a project whose
     * path holds {@code "} or {@code $} keeps its data outside, where the shell neither stops at nor expands them.
     */
    @Test
    void aProjectWhosePathTheShellWouldInterpretStartsItsServerAndSaysWhereItsDataLives() throws Exception {
        Path project = dir.resolve("proj\"x cost$HOME");
        Cli cli = new Cli(project, "jdbc:postgresql://127.0.0.1:1/none");
        cli.environment.remove("DATABASE_URL");
        cli.sql(USERS, "none", "users", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        try {
            cli.ok("upgrade", "head");

            assertThat(cli.ok("current").out()).isEqualTo(USERS + " (head)\n");
            List<String> status = cli.ok("embedded", "status").outLines();
            assertThat(status).first().isEqualTo("status: running");
            assertThat(status).last().asString().startsWith("note: the data lives outside the project, in /")
                    .contains("(pg_ctl cannot start a server from a path that holds \", $, ` or \\)");
            assertThat(cli.ok("embedded", "stop").out()).startsWith("Stopped the embedded PostgreSQL");
        } finally {
            EmbeddedPostgres.discardProject(project.resolve(".retort"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The server's errors carry what the failed statement held; its log keeps none of them, as they may be secrets. */
    @Test
    void theServersLogKeepsNoErrorOfAFailedMigration() throws Exception {
        Cli cli = project();
        cli.ok("upgrade", "head");
        cli.sql("aaaaaaaaaaa2", USERS, "accounts", "CREATE TABLE accounts (password text UNIQUE);\n"
                + "INSERT INTO accounts VALUES ('Zq9SECRETa'), ('Zq9SECRETa');", "DROP TABLE accounts;");
        cli.sql("aaaaaaaaaaa3", USERS, "role", "CREATE ROLE app2 LOGIN PASSWORD Zq9SECRETrole;", "DROP ROLE app2;");

        assertThat(cli.run("upgrade", "aaaaaaaaaaa2").exitCode()).isEqualTo(1);
        assertThat(cli.run("upgrade", "aaaaaaaaaaa3").exitCode()).isEqualTo(1);

        String log = Files.readString(Path.of(record().getProperty("data_directory")).resolveSibling("server.log"));
        assertThat(log).doesNotContain("Zq9SECRET").contains("database system is ready to accept connections");
    }

    /** The server asks for a password, which only psql run the way status says finds. */
    @Test
    void psqlConnectsAsStatusSaysAndNotWithoutThePasswordFile() throws Exception {
        assumeThat(Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "psql"))
                .anyMatch(Files::isExecutable)).as("psql on the PATH").isTrue();
        Cli cli = project();
        cli.ok("upgrade", "head");
        String psql = cli.ok("embedded", "status").outLines().stream().filter(l -> l.startsWith("psql: ")).findFirst()
                .orElseThrow().substring("psql: ".length());

        assertThat(shell(psql + " -X -w -At -c 'select count(*) from users'")).isEqualTo("0:1\n");
        assertThat(shell(psql.replaceFirst("^PGPASSFILE=\\S+ ", "PGPASSFILE=/dev/null ")
                + " -X -w -At -c 'select 1'")).startsWith("2:").contains("no password supplied");
    }

    /** Runs {@code command} with sh in the project directory; returns its exit code, a colon and its output. */
    private String shell(String command) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + ":" + output;
    }

    @Test
    void withNothingStartedStatusSaysSoAndStopStopsNothing() {
        Cli cli = project();

        Cli.Result status = cli.ok("embedded", "status");
        Cli.Result stop = cli.ok("embedded", "stop");

        assertThat(status.out()).isEqualTo("status: none (the first command that needs a database starts it in "
                + ".retort/)\n");
        assertThat(stop.out()).isEqualTo("No embedded PostgreSQL was running in .retort/.\n");
        assertThat(status.err() + stop.err()).isEmpty();
        assertThat(dir.resolve(".retort/postgres.properties")).doesNotExist();
    }

    @Test
    void inAProjectWithItsOwnDatabaseStatusSaysTheServerIsNotUsed() {
        Cli cli = project();
        cli.environment.put("DATABASE_URL", TestPostgres.freshDatabase() + "?user=postgres");

        Cli.Result status = cli.ok("embedded", "status");
        Cli.Result stop = cli.ok("embedded", "stop");

        assertThat(status.out())
                .isEqualTo("status: not used (the database comes from DATABASE_URL in the environment)\n");
        assertThat(stop.out()).isEqualTo("No embedded PostgreSQL was running in .retort/.\n");
        assertThat(dir.resolve(".retort/postgres.properties")).doesNotExist();
    }

    @Test
    void aServerLeftFromBeforeTheDatabaseWasConfiguredIsShownAndStopped() throws Exception {
        Cli cli = project();
        cli.ok("current");
        cli.write(".env", "DATABASE_URL=" + TestPostgres.freshDatabase() + "?user=postgres\n");

        Cli.Result status = cli.ok("embedded", "status");

        assertThat(status.outLines()).first().isEqualTo("status: running");
        assertThat(status.outLines()).last()
                .isEqualTo("note: migrations run on the database from DATABASE_URL in .env, not on this server");
        String pid = record().getProperty("pid");
        assertThat(cli.ok("embedded", "stop").out()).isEqualTo("Stopped the embedded PostgreSQL in .retort/ (pid "
                + pid + ").\n");
    }

    /**
     * After a reboot, {@code postmaster.pid} and the record may name a process id that another program has since
     * taken: that program is not the server, and is left alone.
     */
    @Test
    void aRecordWhoseProcessIsNoLongerTheServerIsNotRunningAndItsProcessIsLeftAlone() throws Exception {
        Cli cli = project();
        cli.ok("current");
        cli.ok("embedded", "stop");
        Process stranger = new ProcessBuilder("sleep", "120").start();
        try {
            Path data = Path.of(record().getProperty("data_directory"));
            // Lines: pid, data directory, start time, port, socket directory, listen address, shared memory, status.
            Files.writeString(data.resolve("postmaster.pid"), stranger.pid() + "\n" + data + "\n1764900000\n"
                    + record().getProperty("port") + "\n/tmp\n127.0.0.1\n  5432001    32768\nready   \n");
            Path recordFile = dir.resolve(".retort/postgres.properties");
            String staleRecord = Files.readString(recordFile).replaceFirst("(?m)^pid=.*$", "pid=" + stranger.pid());
            Files.writeString(recordFile, staleRecord);

            Cli.Result status = cli.ok("embedded", "status");
            Cli.Result stop = cli.ok("embedded", "stop");

            assertThat(status.outLines()).first()
                    .isEqualTo("status: stopped (the next command that needs it starts it)");
            assertThat(stop.out()).isEqualTo("No embedded PostgreSQL was running in .retort/.\n");
            assertThat(stranger.isAlive()).isTrue();
            assertThat(Files.readString(recordFile)).isEqualTo(staleRecord);
        } finally {
            stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A fast shutdown ends the sessions of a command running meanwhile: it fails plainly, its step rolled back. */
    @Test
    void aCommandRunningMeanwhileLosesItsConnectionAndLeavesNothingHalfDone() throws Exception {
        Cli cli = project();
        cli.ok("current");
        cli.sql("aaaaaaaaaaa2", USERS, "slow", "CREATE TABLE slow (id int);\nSELECT pg_sleep(120);",
                "DROP TABLE slow;");
        Path log = dir.resolve("upgrade.log");
        Process upgrade = cli.start(log, "upgrade", "head");
        try {
            CrashTest.awaitOutput(upgrade, log, "Running upgrade " + USERS + " -> aaaaaaaaaaa2", "upgrade");

            Cli.Result stop = cli.ok("embedded", "stop");

            assertThat(stop.out()).startsWith("Stopped the embedded PostgreSQL in .retort/");
            assertThat(upgrade.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(upgrade.exitValue()).as(output).isEqualTo(1);
            List<String> errors = output.lines().filter(l -> l.startsWith("retort: ")).toList();
            assertThat(errors).as(output).hasSize(1);
            assertThat(errors.get(0)).as(output).containsAnyOf("terminating connection", "Lost the connection")
                    .doesNotContain("unexpected error");
            // The first migration was committed before the stop; the one cut off was rolled back with its version row.
            assertThat(cli.ok("current").out()).isEqualTo(USERS + "\n");
        } finally {
            upgrade.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Properties record() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(".retort/postgres.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
