package dev.retort.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void temporaryServerRunsPostgres17AndCreatesDatabases() throws Exception {
        Path dataDirectory;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary()) {
            assertThat(postgres.user()).isEqualTo("postgres");
            assertThat(postgres.password()).as("a temporary server trusts this machine's connections").isEmpty();
            assertThat(postgres.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
            try (Connection connection = connect(postgres, "postgres")) {
                assertThat(query(connection, "select version()")).startsWith("PostgreSQL 17.");
                assertThat(query(connection, "show fsync")).isEqualTo("off");
                assertThat(query(connection, "show listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(query(connection, "show server_encoding")).isEqualTo("UTF8");
                dataDirectory = Path.of(query(connection, "show data_directory"));
            }

            postgres.createDatabase("inventory");
            try (Connection connection = connect(postgres, "inventory");
                 Statement statement = connection.createStatement()) {
                statement.execute("create table item (id int primary key, name text)");
                statement.execute("insert into item values (1, 'flask')");
                assertThat(query(connection, "select current_database() || ':' || name from item")).isEqualTo("inventory:flask");
            }

            postgres.stop();
            assertThatThrownBy(() -> connect(postgres, "postgres")).isInstanceOf(SQLException.class);
            postgres.stop();
        }
        assertThat(dataDirectory).doesNotExist();
        assertThat(dataDirectory.getParent()).doesNotExist();
    }

    @Test
    void theServerLogKeepsNoFailedStatementOrErrorSinceOneMayHoldAPassword() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
             Connection connection = connect(postgres, "postgres");
             Statement statement = connection.createStatement()) {
            Path log = Path.of(query(connection, "show data_directory")).resolveSibling("server.log");
            statement.execute("create role log_test_role");
            assertThatThrownBy(() -> statement.execute("create role log_test_role password 'NotInTheLog7'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> statement.execute("create role r password NotInTheLog8"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("NotInTheLog8");
            assertThat(Files.readString(log)).doesNotContain("NotInTheLog").doesNotContain("already exists")
                    .contains("database system is ready to accept connections");
        }
    }

    @Test
    void aStoppedServerStartsAgainOnItsPortWithItsData() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary()) {
            postgres.createDatabase("kept");
            try (Connection connection = connect(postgres, "kept"); Statement statement = connection.createStatement()) {
                statement.execute("create table item (name text)");
                statement.execute("insert into item values ('retort')");
            }
            int port = postgres.port();

            postgres.stop();
            assertThatThrownBy(() -> connect(postgres, "kept")).isInstanceOf(SQLException.class);
            postgres.start();
            postgres.start();

            assertThat(postgres.port()).isEqualTo(port);
            try (Connection connection = connect(postgres, "kept")) {
                assertThat(query(connection, "select name from item")).isEqualTo("retort");
            }
        }
    }

    @Test
    void aClosedServerDoesNotStartAgain() {
        EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
        postgres.close();
        assertThatThrownBy(postgres::start).isInstanceOf(EmbeddedPostgresException.class).hasMessageContaining("was closed");
    }

    @Test
    void closeStopsAndDeletesATemporaryServer() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
        Path dataDirectory;
        try (Connection connection = connect(postgres, "postgres")) {
            dataDirectory = Path.of(query(connection, "show data_directory"));
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        postgres.close();
        postgres.close();

        assertThat(dataDirectory.getParent()).doesNotExist();
        assertThatThrownBy(() -> connect(postgres, "postgres")).isInstanceOf(SQLException.class);
    }

    @Test
    void temporaryServerLeftOpenIsStoppedAndDeletedWhenItsJvmExits() throws Exception {
        String[] portAndDirectory = ChildJvm.start(StartTemporaryMain.class).lastLine().split(" ", 2);

        Path dataDirectory = Path.of(portAndDirectory[1]);
        assertThat(dataDirectory.getParent()).doesNotExist();
        String url = "jdbc:postgresql://127.0.0.1:" + portAndDirectory[0] + "/postgres";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null)).isInstanceOf(SQLException.class);
    }

    @Test
    void serverRunsAsAnUnprivilegedUserWhenThisJvmIsRoot() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
             Connection connection = connect(postgres, "postgres")) {
            Path dataDirectory = Path.of(query(connection, "show data_directory"));
            String owner = Files.getOwner(dataDirectory).getName();
            if (TestDirectories.runningAsRoot()) {
                assertThat(owner).isEqualTo("nobody");
            } else {
                assertThat(owner).isEqualTo(System.getProperty("user.name"));
            }
        }
    }

    @Test
    void twoTemporaryServersRunSideBySide() throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.startTemporary();
             EmbeddedPostgres second = EmbeddedPostgres.startTemporary()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            first.createDatabase("only_in_first");
            try (Connection connection = connect(second, "postgres")) {
                assertThat(query(connection, "select count(*) from pg_database where datname = 'only_in_first'"))
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void creatingADatabaseTwiceNamesTheDatabase() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary()) {
            postgres.createDatabase("Mixed Case \"quoted\"");
            assertThatThrownBy(() -> postgres.createDatabase("Mixed Case \"quoted\""))
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageContaining("Mixed Case \"quoted\"")
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> postgres.createDatabase(" "))
                    .isInstanceOf(EmbeddedPostgresException.class);
        }
    }

    static Connection connect(EmbeddedPostgres postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.connectionProperties());
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}
