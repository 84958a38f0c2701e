package dev.retort.embedded;

import static dev.retort.embedded.EmbeddedPostgresTest.connect;
import static dev.retort.embedded.EmbeddedPostgresTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartOrReuseTest {
    private Path root;
    private Path stateDir;

    @AfterEach
    void stopAndDelete() throws IOException {
        if (stateDir == null) {
            return;
        }
        ServerAccount account = ServerAccount.detect();
        PostgresBinaries binaries = PostgresBinaries.unpacked(account);
        for (ServerRecord record : ServerRecord.read(stateDir).stream().toList()) {
            Path instance = record.dataDirectory().getParent();
            new ServerControl(binaries, account, instance).stop();
            FileTree.delete(instance);
        }
        FileTree.delete(root);
    }

    @Test
    void aStateDirectoryThatCannotBeMadeSaysWhyAndWhatToDo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path project = Files.writeString(dir.resolve("project"), "a file where the project's directory would be");
        assertThatThrownBy(() -> EmbeddedPostgres.startOrReuse(project.resolve(".retort")))
                .hasMessageContaining("Could not use the state directory " + project.resolve(".retort"))
                .hasMessageEndingWith("Check that it is writable, or set DATABASE_URL in .env to use your own "
                        + "database.");
        assertThat(ProjectServer.reason(new java.nio.file.AccessDeniedException("/srv/app/.retort")))
                .isEqualTo("permission denied: /srv/app/.retort");
    }

    @Test
    void secondCallReusesTheRunningServerAndDataSurvivesARestart() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");

        reusesAndKeepsData(stateDir);

        ServerRecord record = ServerRecord.read(stateDir).orElseThrow();
        assertThat(record.dataDirectory()).isEqualTo(stateDir.resolve("postgres").resolve("data"));
    }

    @Test
    void projectUnderARootOnlyDirectoryKeepsItsDataWhereTheServerCanReachIt() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root hands the server to another user");
        root = TestDirectories.ownerOnly("retort-private-");
        stateDir = root.resolve("project").resolve(".retort");

        reusesAndKeepsData(stateDir);

        ServerRecord record = ServerRecord.read(stateDir).orElseThrow();
        assertThat(record.dataDirectory().startsWith(root)).isFalse();
        assertThat(record.dataDirectory().getParent().getFileName().toString()).startsWith("retort-");
        assertThat(Files.getOwner(record.dataDirectory()).getName()).isEqualTo("nobody");
    }

    @Test
    void discardingAProjectStopsItsServerAndDeletesItsDataWhereverItIs() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root keeps the data outside the project");
        root = TestDirectories.ownerOnly("retort-private-");
        stateDir = root.resolve("project").resolve(".retort");
        int port;
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir)) {
            port = server.port();
        }
        ServerRecord record = ServerRecord.read(stateDir).orElseThrow();

        EmbeddedPostgres.discardProject(stateDir);

        assertThat(record.dataDirectory().getParent()).doesNotExist();
        assertThat(ServerRecord.read(stateDir)).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/retort",
                "postgres", "")).isInstanceOf(SQLException.class);
        EmbeddedPostgres.discardProject(stateDir);
    }

    /**
     * Data kept outside the project goes with {@code .retort/} too: deleting that, stopped or running, forgets the
     * server, whose directory is found again at the same path (named after it) but is no longer the project's.
     */
    @Test
    void deletingTheStateDirectoryForgetsDataKeptOutsideTheProject() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root keeps the data outside the project");
        root = TestDirectories.ownerOnly("retort-private-");
        stateDir = root.resolve("project").resolve(".retort");
        Path instance = serverWithTable(stateDir, "kept");
        EmbeddedPostgres.stopProject(stateDir);
        FileTree.delete(stateDir);

        assertThat(EmbeddedPostgres.status(stateDir)).isEqualTo(new ServerStatus.None());
        try (EmbeddedPostgres fresh = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(fresh, "retort")) {
            assertThat(query(connection, "select to_regclass('kept') is null")).isEqualTo("t");
        }
        assertThat(ServerRecord.read(stateDir).orElseThrow().dataDirectory().getParent()).isEqualTo(instance);

        serverWithTable(stateDir, "kept_again");
        long running = ServerRecord.read(stateDir).orElseThrow().pid();
        FileTree.delete(stateDir);

        try (EmbeddedPostgres fresh = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(fresh, "retort")) {
            assertThat(query(connection, "select to_regclass('kept_again') is null")).isEqualTo("t");
        }
        assertThat(ProcessHandle.of(running).filter(ProcessHandle::isAlive)).isEmpty();
    }

    /** A server kept outside the project by a Retort from before the id is the project's still: its record names it. */
    @Test
    void aServerKeptOutsideTheProjectBeforeThereWereIdsKeepsItsData() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root keeps the data outside the project");
        root = TestDirectories.ownerOnly("retort-private-");
        stateDir = root.resolve("project").resolve(".retort");
        Path instance = serverWithTable(stateDir, "kept");
        EmbeddedPostgres.stopProject(stateDir);
        Files.delete(stateDir.resolve(InstanceDirectory.STATE_ID_FILE_NAME));
        Files.delete(instance.resolve(InstanceDirectory.INSTANCE_ID_FILE_NAME));

        assertThat(EmbeddedPostgres.status(stateDir)).isInstanceOf(ServerStatus.Stopped.class);
        try (EmbeddedPostgres again = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(again, "retort")) {
            assertThat(query(connection, "select count(*) from kept")).isEqualTo("0");
        }
        assertThat(Files.readString(instance.resolve(InstanceDirectory.INSTANCE_ID_FILE_NAME)))
                .isEqualTo(Files.readString(stateDir.resolve(InstanceDirectory.STATE_ID_FILE_NAME)));
    }

    /** A copied {@code .retort/} names the original's server, which the copy must neither use nor delete. */
    @Test
    void aCopiedStateDirectoryNeitherUsesNorDeletesTheOriginalsServer() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root keeps the data outside the project");
        root = TestDirectories.ownerOnly("retort-private-");
        stateDir = root.resolve("project").resolve(".retort");
        Path copy = root.resolve("copy").resolve(".retort");
        Path instance = serverWithTable(stateDir, "original");
        try {
            Files.createDirectories(copy);
            try (var files = Files.list(stateDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }

            try (EmbeddedPostgres copied = EmbeddedPostgres.startOrReuse(copy);
                 Connection connection = connect(copied, "retort")) {
                assertThat(query(connection, "select to_regclass('original') is null")).isEqualTo("t");
            }
            assertThat(ServerRecord.read(copy).orElseThrow().dataDirectory().getParent()).isNotEqualTo(instance);
            try (EmbeddedPostgres original = EmbeddedPostgres.startOrReuse(stateDir);
                 Connection connection = connect(original, "retort")) {
                assertThat(query(connection, "select count(*) from original")).isEqualTo("0");
            }
        } finally {
            EmbeddedPostgres.discardProject(copy);
        }
    }

    /** A project reached through a symbolic link is the same project: its data kept outside is found by both paths. */
    @Test
    void aProjectReachedThroughALinkUsesTheServerItsOwnPathUses() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root keeps the data outside the project");
        root = TestDirectories.ownerOnly("retort-private-");
        stateDir = root.resolve("project").resolve(".retort");
        Path instance = serverWithTable(stateDir, "reached");
        Path linked = Files.createSymbolicLink(root.resolve("link"), root.resolve("project")).resolve(".retort");

        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(linked);
             Connection connection = connect(server, "retort")) {
            assertThat(query(connection, "select count(*) from reached")).isEqualTo("0");
        }
        EmbeddedPostgres.stopProject(linked);
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(linked);
             Connection connection = connect(server, "retort")) {
            assertThat(query(connection, "select count(*) from reached")).isEqualTo("0");
        }
        assertThat(ServerRecord.read(stateDir).orElseThrow().dataDirectory().getParent()).isEqualTo(instance);
    }

    /**
     * {@code pg_ctl} starts the server through the shell, with the data directory in double quotes, which a project's
     * path must neither end nor expand: the data is kept where {@code pg_ctl} can name it.
     */
    @Test
    void aProjectWhosePathTheShellWouldInterpretStillStartsItsServer() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve("proj\"x `cost$HOME\\").resolve(".retort");

        reusesAndKeepsData(stateDir);

        Path instance = ServerRecord.read(stateDir).orElseThrow().dataDirectory().getParent();
        assertThat(instance.toString()).doesNotContain("\"", "$", "`", "\\");
        assertThat(instance.getFileName().toString()).startsWith("retort-");
        assertThat(EmbeddedPostgres.stopProject(stateDir)).isPresent();
    }

    /** Starts the project's server, creates {@code table} in its database, and returns its instance directory. */
    private static Path serverWithTable(Path stateDir, String table) throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort");
             Statement statement = connection.createStatement()) {
            statement.execute("create table " + table + " (note text)");
        }
        Path instance = ServerRecord.read(stateDir).orElseThrow().dataDirectory().getParent();
        assertThat(instance.startsWith(stateDir)).as("%s lies outside the project", instance).isFalse();
        return instance;
    }

    @Test
    void statusAndStopFollowTheProjectsServerAndStartNothing() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");
        assertThat(EmbeddedPostgres.status(stateDir)).isEqualTo(new ServerStatus.None());
        assertThat(EmbeddedPostgres.stopProject(stateDir)).isEmpty();
        assertThat(stateDir).doesNotExist();
        int port;
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir)) {
            port = server.port();
        }
        ServerRecord record = ServerRecord.read(stateDir).orElseThrow();

        ServerStatus running = EmbeddedPostgres.status(stateDir);

        assertThat(running).isInstanceOfSatisfying(ServerStatus.Running.class, r -> {
            assertThat(r.pid()).isEqualTo(record.pid());
            assertThat(r.url()).isEqualTo("postgresql://postgres:***@127.0.0.1:" + port + "/retort");
            assertThat(r.passFile()).hasValue(stateDir.resolve("pgpass"));
            assertThat(r.psqlArguments()).isEqualTo("-h 127.0.0.1 -p " + port + " -U postgres retort");
            assertThat(r.dataDirectory()).isEqualTo(record.dataDirectory());
            assertThat(r.log()).isEqualTo(record.dataDirectory().resolveSibling("server.log"));
            assertThat(r.version()).matches("\\d+\\.\\d+.*");
        });
        assertThat(EmbeddedPostgres.stopProject(stateDir)).hasValue(record.pid());
        assertThat(ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(EmbeddedPostgres.status(stateDir)).isInstanceOfSatisfying(ServerStatus.Stopped.class,
                s -> assertThat(s.version()).matches("\\d+"));
        assertThat(EmbeddedPostgres.stopProject(stateDir)).isEmpty();
        try (EmbeddedPostgres again = EmbeddedPostgres.startOrReuse(stateDir)) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    /** After a reboot, postmaster.pid may name a process id that another program has taken since. */
    @Test
    void aPostmasterPidNamingAnotherProgramIsNoServerAndThatProgramIsLeftAlone() throws Exception {
        ServerRecord record = stoppedServer();
        Process stranger = new ProcessBuilder("sleep", "120").start();
        try {
            stalePidFile(record, stranger.pid());
            ServerAccount account = ServerAccount.detect();
            ServerControl control = new ServerControl(PostgresBinaries.unpacked(account), account,
                    record.dataDirectory().getParent());

            assertThat(control.running()).isEmpty();
            assertThat(EmbeddedPostgres.status(stateDir)).isInstanceOf(ServerStatus.Stopped.class);
            assertThat(EmbeddedPostgres.stopProject(stateDir)).isEmpty();
            control.stop();
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    /**
     * A process of the server's own account holding the old process id stops PostgreSQL itself from starting (it
     * takes the lock file for a live server's); Retort removes that stale file first, and leaves the process alone.
     */
    @Test
    void aStalePostmasterPidNamingAProcessOfTheServersAccountDoesNotKeepTheServerDown() throws Exception {
        ServerRecord record = stoppedServer();
        Process stranger = new ProcessBuilder(ServerAccount.detect().command(List.of("sleep", "120"))).start();
        try {
            untilItRuns(stranger, "120");
            stalePidFile(record, stranger.pid());

            try (EmbeddedPostgres again = EmbeddedPostgres.startOrReuse(stateDir);
                    Connection connection = connect(again, "retort")) {
                assertThat(query(connection, "select 1")).isEqualTo("1");
            }
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    /** The postmaster, started with its data directory named by another path (a symbolic link), is still this one. */
    @Test
    void aPostmasterNamingItsDataDirectoryByALinkIsThisServer() throws Exception {
        ServerRecord record = stoppedServer();
        Path link = Files.createSymbolicLink(root.resolve("data-link"), record.dataDirectory());
        // A stand-in with a postmaster's arguments; "; true" keeps bash from replacing itself with sleep.
        Process postmaster = new ProcessBuilder("bash", "-c", "sleep 120; true", "postgres", "-D", link.toString())
                .start();
        try {
            stalePidFile(record, postmaster.pid());
            ServerAccount account = ServerAccount.detect();
            ServerControl control = new ServerControl(PostgresBinaries.unpacked(account), account,
                    record.dataDirectory().getParent());

            assertThat(control.running()).map(ServerControl.Running::pid).hasValue(postmaster.pid());
        } finally {
            postmaster.destroyForcibly().waitFor();
        }
    }

    /** A project whose server ran and was stopped; its record. */
    private ServerRecord stoppedServer() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir)) {
            server.stop();
        }
        return ServerRecord.read(stateDir).orElseThrow();
    }

    /**
     * Waits until {@code process} shows {@code arguments}, as Retort reads them: a process started through
     * {@code setpriv} is {@code setpriv} first, and while it turns into its program, its arguments read as none for
     * an instant, even after {@code /proc/PID/exe} names the new program (seen about once in 300 starts). Retort
     * rightly takes such a process for one it cannot judge.
     */
    private static void untilItRuns(Process process, String... arguments) throws InterruptedException {
        long started = System.nanoTime();
        while (!process.info().arguments().map(a -> List.of(a).equals(List.of(arguments))).orElse(false)) {
            assertThat(System.nanoTime() - started).as("%s shows %s", process.pid(), List.of(arguments))
                    .isLessThan(10_000_000_000L);
            Thread.sleep(5);
        }
    }

    /** The lock file a server that did not shut down leaves behind, its process id now {@code pid}'s. */
    private static void stalePidFile(ServerRecord record, long pid) throws IOException {
        Files.writeString(record.dataDirectory().resolve("postmaster.pid"), pid + "\n" + record.dataDirectory()
                + "\n1764900000\n" + record.port() + "\n/tmp\n127.0.0.1\n  5432001    32768\nready   \n");
    }

    @Test
    void theServerKeepsNoneOfTheEnvironmentOfTheCommandThatStartedIt() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");
        // Autogenerate starts the project's server for its dev database while DATABASE_URL names the real one.
        ChildJvm.start(Map.of("DATABASE_URL", "postgresql://app:Planted-Pa55@db.internal/shop",
                "DB_PASSWORD", "Planted-Pa55"), StartOrReuseMain.class, stateDir.toString()).output();
        long pid = ServerRecord.read(stateDir).orElseThrow().pid();
        // What any user of the machine reads, connecting as the superuser: the postmaster's environment.
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort")) {
            String environment = query(connection, "select encode(pg_read_binary_file('/proc/" + pid
                    + "/environ'), 'escape')");
            assertThat(environment).contains("LC_ALL=C").doesNotContain("Planted-Pa55");
        }
    }

    private static void reusesAndKeepsData(Path stateDir) throws Exception {
        int port;
        String startedAt;
        try (EmbeddedPostgres first = EmbeddedPostgres.startOrReuse(stateDir)) {
            port = first.port();
            try (Connection connection = connect(first, "retort"); Statement statement = connection.createStatement()) {
                startedAt = query(connection, "select pg_postmaster_start_time()::text");
                assertThat(query(connection, "show fsync")).isEqualTo("on");
                statement.execute("create table kept (note text)");
                statement.execute("insert into kept values ('still here')");
            }
        }

        try (EmbeddedPostgres second = EmbeddedPostgres.startOrReuse(stateDir)) {
            assertThat(second.port()).isEqualTo(port);
            try (Connection connection = connect(second, "retort")) {
                assertThat(query(connection, "select pg_postmaster_start_time()::text")).isEqualTo(startedAt);
            }
            second.stop();
            assertThatThrownBy(() -> connect(second, "retort")).isInstanceOf(SQLException.class);
        }

        try (EmbeddedPostgres third = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(third, "retort")) {
            assertThat(third.port()).isEqualTo(port);
            assertThat(query(connection, "select pg_postmaster_start_time()::text")).isNotEqualTo(startedAt);
            assertThat(query(connection, "select note from kept")).isEqualTo("still here");
        }
    }

    @Test
    void serverKeepsRunningAfterTheJvmThatStartedItExits() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");

        int port = Integer.parseInt(ChildJvm.start(StartOrReuseMain.class, stateDir.toString()).lastLine());

        ServerRecord record = ServerRecord.read(stateDir).orElseThrow();
        assertThat(record.port()).isEqualTo(port);
        assertThat(ProcessHandle.of(record.pid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        try (EmbeddedPostgres reused = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(reused, "retort")) {
            assertThat(reused.port()).isEqualTo(port);
            assertThat(query(connection, "select pg_backend_pid() <> " + record.pid())).isEqualTo("t");
            assertThat(query(connection, "select count(*) from pg_stat_activity where backend_type = 'checkpointer'"))
                    .isEqualTo("1");
        }
        assertThat(ServerRecord.read(stateDir).orElseThrow().pid()).isEqualTo(record.pid());
    }

    @Test
    void restartMovesToAnotherPortWhenItsOldOneIsTaken() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");
        int oldPort;
        try (EmbeddedPostgres first = EmbeddedPostgres.startOrReuse(stateDir)) {
            oldPort = first.port();
            first.stop();
        }

        try (ServerSocket squatter = new ServerSocket(oldPort, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedPostgres moved = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(moved, "retort")) {
            assertThat(squatter.isBound()).isTrue();
            assertThat(moved.port()).isNotEqualTo(oldPort);
            assertThat(ServerRecord.read(stateDir).orElseThrow().port()).isEqualTo(moved.port());
            assertThat(query(connection, "select current_database()")).isEqualTo("retort");
        }
    }

    @Test
    void failedStartQuotesTheServerLog() throws Exception {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");
        Path pgVersion;
        try (EmbeddedPostgres first = EmbeddedPostgres.startOrReuse(stateDir)) {
            first.stop();
            pgVersion = ServerRecord.read(stateDir).orElseThrow().dataDirectory().resolve("PG_VERSION");
        }
        String version = Files.readString(pgVersion);
        Files.writeString(pgVersion, "99\n");

        assertThatThrownBy(() -> EmbeddedPostgres.startOrReuse(stateDir))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("PostgreSQL did not start from " + pgVersion.getParent())
                .hasMessageContaining("database files are incompatible with server");

        Files.writeString(pgVersion, version);
    }
}
