package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server where {@code retort test} creates its scratch database and drops it afterwards: the one of
 * {@code database_url} in {@code [test]}, such as a CI service of the production server's version, or else the
 * project's embedded PostgreSQL. Either way the user's own databases are not touched.
 *
 * @param admin     a database on that server to connect to for {@code CREATE DATABASE} and {@code DROP DATABASE}
 * @param described how messages name the server's URL setting
 */
record TestServer(DatabaseUrl admin, String described) {
    /** Where {@code config}'s tests run, starting the embedded PostgreSQL when that is the one. */
    static TestServer of(RetortConfig config) {
        if (config.testUrl().isPresent()) {
            String file = config.configFile().map(f -> f.getFileName().toString()).orElse("retort.toml");
            return new TestServer(config.testUrl().get(), "database_url in [test] of " + file);
        }
        EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(config.stateDir());
        return new TestServer(DatabaseUrl.fromParts("127.0.0.1", server.port(), "postgres", server.user(), null),
                "the embedded PostgreSQL");
    }

    /** Creates the database {@code name} and returns connections to it. */
    ScratchConnections create(String name) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new RetortException("`retort test` creates a scratch database on " + admin.redacted() + " ("
                        + described + "), and the role " + admin.user() + " may not create databases there; grant "
                        + "it CREATEDB, or remove database_url from [test] to test in the embedded PostgreSQL.", e);
            }
            throw new RetortException("Could not create the scratch database " + name + " on " + admin.redacted()
                    + " (" + described + "): " + sentence(e), e);
        }
        DatabaseUrl scratch = new DatabaseUrl(admin.host(), admin.port(), name, admin.user(), admin.password(),
                admin.parameters());
        return new ScratchConnections(scratch.jdbcUrl(), properties(scratch), name);
    }

    /** Drops the database {@code name}, ending any session left in it; a failure costs only disk space. */
    void dropQuietly(String name) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            boolean force = connection.getMetaData().getDatabaseMajorVersion() >= 13;
            statement.execute("DROP DATABASE IF EXISTS " + name + (force ? " WITH (FORCE)" : ""));
        } catch (SQLException | RetortException ignored) {
            // A leftover scratch database costs disk only; the next run uses a new name.
        }
    }

    private Connection connect() {
        try {
            return DriverManager.getConnection(admin.jdbcUrl(), properties(admin));
        } catch (SQLException e) {
            throw new RetortException("Could not connect to " + admin.redacted() + " (" + described + ") to create "
                    + "the scratch database of `retort test`: " + sentence(e), e);
        }
    }

    /** The driver's first line, ending with one full stop and without the password. */
    private String sentence(SQLException e) {
        String reason = Database.firstLine(e);
        reason = admin.password() == null ? reason : reason.replace(admin.password(), "***");
        return reason.endsWith(".") ? reason : reason + ".";
    }

    private static java.util.Properties properties(DatabaseUrl url) {
        return Database.withDefaults(url.connectionProperties());
    }
}
