package dev.retort.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/** Opens superuser connections to an embedded server, for the few statements this module runs itself. */
final class AdminConnection {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private AdminConnection() {
    }

    /**
     * Connects as {@code postgres} to {@code database}, with {@code password} when the server has one (a project's)
     * and without when it trusts connections from this machine (a temporary one).
     *
     * <p>Through the driver directly rather than {@code DriverManager}, which only sees drivers of the
     * caller's class loader and so fails inside plugin and application class loaders.
     */
    static Connection open(int port, String database, Optional<String> password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ServerControl.SUPERUSER);
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "retort-embedded");
        Connection connection = new Driver().connect(EmbeddedPostgres.jdbcUrl(port, database), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not accept " + EmbeddedPostgres.jdbcUrl(port, database));
        }
        return connection;
    }

    /** Quotes {@code name} as a PostgreSQL identifier. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
