package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.runtime.ConnectionSource;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The target database of a command: the configured URL, or else the project's embedded PostgreSQL under
 * {@code .retort/}, started on first use and announced once.
 *
 * <p>Connection errors are turned into sentences that say what to check; none of them carries the password.
 */
public final class Database implements ConnectionSource {
    private final RetortConfig config;
    private final Consumer<String> notices;
    private String jdbcUrl;
    private Properties properties;
    private String description;

    public Database(RetortConfig config, Consumer<String> notices) {
        this.config = config;
        this.notices = notices;
    }

    @Override
    public Connection open() {
        resolve();
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw new RetortException(connectFailure(e), e);
        }
    }

    @Override
    public String describe() {
        resolve();
        return description;
    }

    private void resolve() {
        if (jdbcUrl != null) {
            return;
        }
        if (config.databaseUrl().isPresent()) {
            DatabaseUrl url = config.databaseUrl().get();
            jdbcUrl = url.jdbcUrl();
            properties = url.connectionProperties();
            description = url.redacted() + " (from " + config.databaseUrlSource() + ")";
        } else {
            EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(config.stateDir());
            jdbcUrl = server.jdbcUrl("retort");
            properties = new Properties();
            properties.setProperty("user", server.user());
            description = "the embedded PostgreSQL in " + config.stateDir();
            notices.accept("Using the embedded PostgreSQL in " + shown(config.stateDir())
                    + " (no database configured; set DATABASE_URL in .env to use yours).");
        }
        properties.putIfAbsent("connectTimeout", "10");
        properties.putIfAbsent("ApplicationName", "retort");
    }

    /** The first line of a driver error: PostgreSQL's own sentence, without the position or detail lines. */
    static String firstLine(SQLException e) {
        return e.getMessage() == null ? "unknown error" : e.getMessage().lines().findFirst().orElse("").strip();
    }

    private static String shown(Path dir) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = dir.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) + "/" : abs + "/";
    }

    private String connectFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = firstLine(e);
        String hint;
        if (state.equals("28P01") || state.equals("28000")) {
            hint = "Check the user and password in " + config.databaseUrlSource() + ".";
        } else if (state.equals("3D000")) {
            hint = "Create the database, or fix its name in " + config.databaseUrlSource() + ".";
        } else if (state.startsWith("08") || e.getCause() instanceof UnknownHostException) {
            hint = "Is PostgreSQL running and reachable there? Check the host and port in " + config.databaseUrlSource() + ".";
        } else {
            hint = "Check the database settings in " + config.databaseUrlSource() + ".";
        }
        if (config.databaseUrl().isPresent()) {
            String password = config.databaseUrl().get().password();
            if (password != null && !password.isEmpty()) {
                reason = reason.replace(password, "***");
            }
        }
        return "Could not connect to " + description + ": " + reason + " " + hint;
    }
}
