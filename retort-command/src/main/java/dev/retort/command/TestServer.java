package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.SecretsInSql;
import dev.retort.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;

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
        return new TestServer(DatabaseUrl.fromParts("127.0.0.1", server.port(), "postgres", server.user(),
                server.password().orElse(null)), "the embedded PostgreSQL");
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
                    + " (" + described + "): " + reason(e) + ".", e);
        }
        DatabaseUrl scratch = new DatabaseUrl(admin.host(), admin.port(), name, admin.user(), admin.password(),
                admin.parameters());
        return new ScratchConnections(scratch.jdbcUrl(), properties(scratch), name);
    }

    /**
     * Drops the database {@code name}, ending the sessions in it first: the test's own may be busy in a migration's
     * statement (a stopped test's are), and a session left there would make the server refuse the drop.
     */
    void drop(Connection connection, String name) throws SQLException {
        try (PreparedStatement sessions = connection.prepareStatement("SELECT pg_terminate_backend(pid) FROM "
                + "pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            sessions.setString(1, name);
            sessions.executeQuery().close();
        }
        // FORCE ends a session that connected since; before 13, the drop waits a few seconds for them to go.
        boolean force = connection.getMetaData().getDatabaseMajorVersion() >= 13;
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + (force ? " WITH (FORCE)" : ""));
        }
    }

    /** The server's roles as a test begins (roles belong to the whole server rather than to one database). */
    TestRoles roles() {
        try (Connection connection = connect()) {
            return TestRoles.at(connection);
        } catch (SQLException e) {
            throw new RetortException("Could not read the roles of " + admin.redacted() + " (" + described + "): "
                    + reason(e) + ".", e);
        }
    }

    /** Drops the role {@code role}, unless it is gone already. */
    void dropRole(Connection connection, String role) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS \"" + role.replace("\"", "\"\"") + "\"");
        }
    }

    /** A connection to {@link #admin}, the server's database Retort creates and drops the scratch database from. */
    Connection connect() {
        try {
            Connection connection = open();
            try {
                ServerVersion.require(connection, "The server of `retort test`, " + admin.redacted() + " (" + described
                        + "),");
            } catch (RetortException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            throw new RetortException("Could not connect to " + admin.redacted() + " (" + described + ") for the "
                    + "scratch database of `retort test`: " + reason(e) + ".", e);
        }
    }

    /** Like {@link #connect}, throwing what the driver threw. */
    Connection open() throws SQLException {
        return PassFile.connect(admin.jdbcUrl(), properties(admin), admin.redacted() + " (" + described + ")");
    }

    /** The driver's first line, without the password and without a full stop at the end. */
    String reason(SQLException e) {
        String reason = Database.firstLine(e);
        reason = SecretsInSql.hiddenPassword(reason, admin.password());
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    /**
     * Like {@link #reason}, with the server's detail on one line after a colon: what depends on a role that cannot
     * be dropped ({@code owner of table orders in database shop}) is only there.
     */
    String reasonInDetail(SQLException e) {
        String detail = e instanceof PSQLException driver && driver.getServerErrorMessage() != null
                ? driver.getServerErrorMessage().getDetail() : null;
        if (detail == null || detail.isBlank()) {
            return reason(e);
        }
        String flat = String.join("; ", detail.strip().lines().map(String::strip).toList());
        return reason(e) + ": " + (flat.endsWith(".") ? flat.substring(0, flat.length() - 1) : flat);
    }

    private static java.util.Properties properties(DatabaseUrl url) {
        return Database.withDefaults(url.connectionProperties());
    }
}
