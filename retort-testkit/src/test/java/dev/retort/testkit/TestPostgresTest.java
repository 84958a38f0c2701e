package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void sharedServerIsStartedOnceAndRunsPostgres17() throws SQLException {
        assertThat(TestPostgres.shared()).isSameAs(TestPostgres.shared());
        try (Connection connection = connect(TestPostgres.shared().jdbcUrl("postgres"))) {
            assertThat(query(connection, "select version()")).startsWith("PostgreSQL 17.");
        }
    }

    @Test
    void freshDatabasesAreEmptyAndSeparate() throws SQLException {
        String first = TestPostgres.freshDatabase();
        String second = TestPostgres.freshDatabase();

        assertThat(first).matches("jdbc:postgresql://127\\.0\\.0\\.1:" + TestPostgres.shared().port() + "/db_\\d+");
        assertThat(second).isNotEqualTo(first);
        try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
            assertThat(query(connection, "select count(*) from pg_tables where schemaname = 'public'")).isEqualTo("0");
            assertThat(query(connection, "show server_encoding")).isEqualTo("UTF8");
            statement.execute("create table only_here (id int)");
        }
        try (Connection connection = connect(second)) {
            assertThat(query(connection, "select count(*) from pg_tables where schemaname = 'public'")).isEqualTo("0");
        }
    }

    @Test
    void aTestConnectedToTemplate1DoesNotBlockFreshDatabases() throws SQLException {
        try (Connection template = connect(TestPostgres.shared().jdbcUrl("template1"));
             Connection fresh = connect(TestPostgres.freshDatabase())) {
            assertThat(query(fresh, "select 1")).isEqualTo("1");
            assertThat(template.isValid(1)).isTrue();
        }
    }

    @Test
    void freshDatabasesCanBeCreatedFromManyThreads() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> urls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                urls.add(executor.submit(TestPostgres::freshDatabase));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> url : urls) {
                try (Connection connection = connect(url.get())) {
                    assertThat(url.get()).endsWith("/" + query(connection, "select current_database()"));
                }
                distinct.add(url.get());
            }
            assertThat(distinct).hasSize(16);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theDatabaseNamedInAUrlExists() {
        String missing = TestPostgres.shared().jdbcUrl("never_created");
        assertThatThrownBy(() -> connect(missing)).isInstanceOf(SQLException.class)
                .hasMessageContaining("never_created");
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.USER, null);
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}
