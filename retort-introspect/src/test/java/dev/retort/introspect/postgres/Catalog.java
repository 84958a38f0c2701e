package dev.retort.introspect.postgres;

import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import dev.retort.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** Test support: fresh databases with some DDL in them, and what the introspector reads from them. */
final class Catalog {
    /** The default filter of a project: {@code public} only, without the version table. */
    static final SchemaFilter DEFAULT = SchemaFilter.defaultSchema("retort_version");

    private Catalog() {
    }

    /** A fresh database in which {@code ddl} (any number of statements) has run. */
    static String databaseWith(String ddl) {
        String url = TestPostgres.freshDatabase();
        execute(url, ddl);
        return url;
    }

    /** Runs {@code sql} (any number of statements) on the database at {@code url}. */
    static void execute(String url, String sql) {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("Could not run: " + sql, e);
        }
    }

    /** Reads the {@code public} schema of a fresh database in which {@code ddl} has run. */
    static DatabaseSchema introspect(String ddl) {
        return read(databaseWith(ddl), DEFAULT);
    }

    /** Reads the given schemas of a fresh database in which {@code ddl} has run. */
    static DatabaseSchema introspectSchemas(String ddl, String... schemas) {
        return read(databaseWith(ddl), new SchemaFilter(List.of(schemas), Set.of()));
    }

    /** Reads the database at {@code url} through {@code filter}. */
    static DatabaseSchema read(String url, SchemaFilter filter) {
        try (Connection connection = connect(url)) {
            return new PostgresIntrospector(filter).introspect(connection);
        } catch (SQLException e) {
            throw new AssertionError("Could not introspect " + url, e);
        }
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.USER, null);
    }
}
