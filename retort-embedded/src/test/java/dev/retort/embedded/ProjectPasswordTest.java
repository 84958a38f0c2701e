package dev.retort.embedded;

import static dev.retort.embedded.EmbeddedPostgresTest.connect;
import static dev.retort.embedded.EmbeddedPostgresTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A project's server listens on {@code 127.0.0.1}, where every user of the machine may connect: it takes no connection
 * without the password Retort keeps in the project's {@code .retort/}.
 */
class ProjectPasswordTest {
    private Path root;
    private Path stateDir;

    @AfterEach
    void stopAndDelete() throws IOException {
        if (stateDir != null) {
            EmbeddedPostgres.discardProject(stateDir);
            ServerControl made = madeBefore();
            made.stop();
            FileTree.delete(made.instance());
        }
        if (root != null) {
            FileTree.delete(root);
        }
    }

    private void newProject() throws IOException {
        root = TestDirectories.shared("retort-project-");
        stateDir = root.resolve(".retort");
    }

    @Test
    void aProjectServerTakesNoConnectionWithoutThePasswordOnlyItsOwnerMayRead() throws Exception {
        newProject();
        String password;
        int port;
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort")) {
            password = server.password().orElseThrow();
            port = server.port();
            assertThat(query(connection, "select current_user")).isEqualTo("postgres");
            assertThat(verifier(connection)).startsWith("SCRAM-SHA-256$1:");
        }

        assertRefusesAnyoneElse(port);
        assertThat(password).matches("[A-Za-z0-9_-]{32}");
        assertThat(Files.readString(stateDir.resolve("postgres.password"))).isEqualTo(password + "\n");
        assertThat(Files.readAllLines(stateDir.resolve("pgpass"))).last()
                .isEqualTo("127.0.0.1:" + port + ":*:postgres:" + password);
        assertThat(permissions(stateDir.resolve("postgres.password"))).isEqualTo("rw-------");
        assertThat(permissions(stateDir.resolve("pgpass"))).isEqualTo("rw-------");
        assertThat(trustRules()).isEmpty();
        assertThat(logs()).doesNotContain(password);
        // Each command is a JVM of its own, which finds the password in .retort/.
        assertThat(ChildJvm.start(StartOrReuseMain.class, stateDir.toString()).lastLine())
                .isEqualTo(Integer.toString(port));
    }

    @Test
    void aStoppedServerMadeWithTrustGetsAPasswordBeforeItStartsAndKeepsItsData() throws Exception {
        newProject();
        ServerControl made = madeBefore();
        made.initialize(Durability.CRASH_SAFE);
        int oldPort = made.start(0);
        new ServerRecord(made.dataDirectory(), oldPort, made.running().orElseThrow().pid()).write(stateDir);
        keepARow(oldPort);
        made.stop();
        assertThat(made.trustsConnections()).isTrue();

        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort")) {
            assertThat(query(connection, "select note from kept")).isEqualTo("from before");
            assertRefusesAnyoneElse(server.port());
            assertThat(logs()).doesNotContain(server.password().orElseThrow());
        }
        assertThat(trustRules()).isEmpty();
        assertThat(made.trustsConnections()).isFalse();
    }

    /**
     * A server an older Retort started keeps running while a newer one comes along: it is given a password without a
     * restart, and the sessions it has go on.
     */
    @Test
    void aRunningServerMadeWithTrustGetsAPasswordWithoutARestart() throws Exception {
        newProject();
        ServerControl made = madeBefore();
        made.initialize(Durability.CRASH_SAFE);
        int port = made.start(0);
        long pid = made.running().orElseThrow().pid();
        new ServerRecord(made.dataDirectory(), port, pid).write(stateDir);
        keepARow(port);

        try (Connection olderCommand = trusted(port, "retort")) {
            try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
                 Connection connection = connect(server, "retort")) {
                assertThat(server.port()).isEqualTo(port);
                assertRefusesAnyoneElse(port);
                assertThat(query(connection, "select note from kept")).isEqualTo("from before");
                assertThat(verifier(connection)).startsWith("SCRAM-SHA-256$1:");
            }
            assertThat(query(olderCommand, "select note from kept")).isEqualTo("from before");
        }
        assertThat(made.running().orElseThrow().pid()).as("not restarted").isEqualTo(pid);
        assertThat(trustRules()).isEmpty();
        assertThat(Files.readString(stateDir.resolve("postgres.password")).strip())
                .matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void aDeletedPasswordFileIsReplacedByANewPasswordRunningOrStopped() throws Exception {
        newProject();
        String first;
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort");
             Statement statement = connection.createStatement()) {
            first = server.password().orElseThrow();
            statement.execute("create table kept (note text)");
            statement.execute("insert into kept values ('still here')");
        }

        Files.delete(stateDir.resolve("postgres.password"));
        String second;
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort")) {
            second = server.password().orElseThrow();
            assertThat(query(connection, "select note from kept")).isEqualTo("still here");
            assertThat(passwordRefused(server.port(), first)).isTrue();
            server.stop();
        }

        Files.delete(stateDir.resolve("postgres.password"));
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort")) {
            assertThat(server.password()).isNotEqualTo(Optional.of(second)).isNotEqualTo(Optional.of(first));
            assertThat(query(connection, "select note from kept")).isEqualTo("still here");
            assertThat(passwordRefused(server.port(), second)).isTrue();
        }
    }

    @Test
    void aPasswordFileTheServerRefusesSaysWhatToDo() throws Exception {
        newProject();
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir)) {
            assertThat(server.password()).isPresent();
        }
        Path file = stateDir.resolve("postgres.password");
        Files.writeString(file, "edited-by-hand\n");
        String message = "refused the password in " + file + ". Delete that file: the next command sets a new "
                + "password.";

        assertThatThrownBy(() -> EmbeddedPostgres.startOrReuse(stateDir)).hasMessageContaining(message);
        EmbeddedPostgres.stopProject(stateDir);
        assertThatThrownBy(() -> EmbeddedPostgres.startOrReuse(stateDir)).hasMessageContaining(message);

        Files.delete(file);
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(stateDir);
             Connection connection = connect(server, "retort")) {
            assertThat(query(connection, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void trustRulesBecomePasswordRulesAndTheRestOfTheFileStays() throws Exception {
        newProject();
        ServerControl made = madeBefore();
        made.initialize(Durability.CRASH_SAFE);
        Path hba = made.dataDirectory().resolve("pg_hba.conf");
        Files.writeString(hba, "# a comment about trust\nlocal all all trust\n"
                + "host all all 127.0.0.1/32 trust   # loopback\nhostssl all app 10.0.0.0/8 md5\n");
        ServerControl withPassword = new ServerControl(made.binaries(), made.account(), made.instance(),
                Optional.of(ProjectPassword.generate()));

        withPassword.requirePasswordStopped();

        assertThat(Files.readString(hba)).isEqualTo("# a comment about trust\nlocal all all scram-sha-256\n"
                + "host all all 127.0.0.1/32 scram-sha-256   # loopback\nhostssl all app 10.0.0.0/8 md5\n");
        assertThat(Files.getOwner(hba)).isEqualTo(Files.getOwner(made.dataDirectory()));
        assertThat(permissions(hba)).isEqualTo("rw-------");
    }

    /** Where this project's server was made before servers had a password, as Retort made it then. */
    private ServerControl madeBefore() {
        ServerAccount account = ServerAccount.detect();
        return new ServerControl(PostgresBinaries.unpacked(account), account, stateDir.resolve("postgres"));
    }

    /** The default database with a table and a row, made over a connection the server trusts. */
    private static void keepARow(int port) throws SQLException {
        try (Connection connection = trusted(port, "postgres"); Statement statement = connection.createStatement()) {
            statement.execute("create database retort");
        }
        try (Connection connection = trusted(port, "retort"); Statement statement = connection.createStatement()) {
            statement.execute("create table kept (note text)");
            statement.execute("insert into kept values ('from before')");
        }
    }

    private static Connection trusted(int port, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        return DriverManager.getConnection(EmbeddedPostgres.jdbcUrl(port, database), properties);
    }

    /** Another user of the machine, who does not know the password: the server refuses a wrong one, and none. */
    private static void assertRefusesAnyoneElse(int port) {
        assertThat(passwordRefused(port, "not-the-password")).as("a wrong password is refused").isTrue();
        assertThatThrownBy(() -> trusted(port, "retort")).isInstanceOf(SQLException.class)
                .hasMessageContaining("no password was provided");
    }

    private static boolean passwordRefused(int port, String password) {
        try (Connection ignored = DriverManager.getConnection(EmbeddedPostgres.jdbcUrl(port, "retort"), "postgres",
                password)) {
            return false;
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("28P01");
            return true;
        }
    }

    /**
     * How the server keeps the superuser's password: a SCRAM verifier of one round of PBKDF2 (the password is random,
     * and each command, a new JVM, computes the rounds again).
     */
    private static String verifier(Connection connection) throws SQLException {
        return query(connection, "select rolpassword from pg_authid where rolname = 'postgres'");
    }

    /** The rules of the server's pg_hba.conf that let a connection in without a password. */
    private List<String> trustRules() throws IOException {
        Path data = ServerRecord.read(stateDir).orElseThrow().dataDirectory();
        return Files.readAllLines(data.resolve("pg_hba.conf")).stream()
                .filter(line -> !line.startsWith("#") && line.matches(".*\\strust\\s*(#.*)?"))
                .toList();
    }

    /** What the server and PostgreSQL's programs wrote. */
    private String logs() throws IOException {
        Path instance = ServerRecord.read(stateDir).orElseThrow().dataDirectory().getParent();
        return Files.readString(instance.resolve("server.log")) + Files.readString(instance.resolve("commands.log"));
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
