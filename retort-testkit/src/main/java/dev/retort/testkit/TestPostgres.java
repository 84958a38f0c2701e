package dev.retort.testkit;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.embedded.EmbeddedPostgresException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.Driver;

/**
 * Gives tests a real PostgreSQL: one temporary server per test JVM, and a fresh database per test.
 *
 * <pre>{@code
 * String url = TestPostgres.freshDatabase();   // jdbc:postgresql://127.0.0.1:PORT/db_N
 * try (Connection connection = DriverManager.getConnection(url, "postgres", null)) { ... }
 * }</pre>
 *
 * <p>The server starts on first use and is stopped and deleted when the JVM exits. Connect as
 * {@link #USER} with no password. Tests must not stop or close {@link #shared()}; other tests use it.
 * Or annotate a test's parameter with {@link FreshDatabase} to receive the URL.
 */
public final class TestPostgres {
    /** The superuser every fresh database belongs to; it has no password. */
    public static final String USER = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static RuntimeException failure;

    private TestPostgres() {
    }

    /**
     * Returns this JVM's test server, starting it on the first call.
     *
     * <p>A server that failed to start is not retried: every later call reports the same failure,
     * rather than each test waiting for its own failed start.
     */
    public static synchronized EmbeddedPostgres shared() {
        if (server == null && failure == null) {
            try {
                server = EmbeddedPostgres.startTemporary();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new EmbeddedPostgresException("The test PostgreSQL could not start: " + failure.getMessage(), failure);
        }
        return server;
    }

    /**
     * Creates an empty database with a new name ({@code db_1}, {@code db_2}, ...) and returns its JDBC URL.
     *
     * <p>Copied from {@code template0}, which accepts no connections, so that neither a test
     * connected to {@code template1} nor anything a test changed there can break or leak into it.
     */
    public static String freshDatabase() {
        EmbeddedPostgres postgres = shared();
        String name = "db_" + DATABASES.incrementAndGet();
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        // The driver itself rather than DriverManager, which misses drivers outside the caller's class loader.
        try (Connection connection = new Driver().connect(postgres.jdbcUrl("postgres"), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name + " template template0");
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Could not create the test database " + name
                    + " on the test PostgreSQL at port " + postgres.port() + ": " + e.getMessage(), e);
        }
        return postgres.jdbcUrl(name);
    }
}
