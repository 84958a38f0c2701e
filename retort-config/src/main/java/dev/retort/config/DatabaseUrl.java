package dev.retort.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Where a PostgreSQL database is and how to log in to it, parsed from any of the URL forms users
 * already have: {@code postgresql://}, {@code postgres://}, SQLAlchemy's
 * {@code postgresql+asyncpg://} (the driver part is ignored) and {@code jdbc:postgresql://}.
 *
 * <p>The password stays out of everything printable: {@link #toString()} and {@link #redacted()}
 * mask it, {@link #jdbcUrl()} leaves the credentials out and {@link #connectionProperties()}
 * carries them to the driver.
 *
 * @param host       host name or IP address; an IPv6 address is held without brackets
 * @param port       TCP port, 1 to 65535
 * @param database   database name; empty means the server's default (the user's name)
 * @param user       user name, or {@code null} when none is given
 * @param password   password, or {@code null} when none is given
 * @param parameters the URL's other query parameters as written ({@code sslmode},
 *                   {@code connect_timeout}, ...), in order; the user and password are never here
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 5432;

    public DatabaseUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(parameters, "parameters");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535: " + port);
        }
        // An empty user or password means "not given" in libpq; one spelling keeps equals() honest.
        user = user == null || user.isEmpty() ? null : user;
        password = password == null || password.isEmpty() ? null : password;
        if (parameters.containsKey("user") || parameters.containsKey("password")) {
            throw new IllegalArgumentException("user and password belong in their own components, not in parameters");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Parses a database URL.
     *
     * @throws ConfigException if it is not a PostgreSQL URL or is malformed
     */
    public static DatabaseUrl parse(String url) {
        return parse(url, "The database URL");
    }

    /**
     * Parses a database URL, naming {@code source} (such as {@code "DATABASE_URL in .env"}) in
     * any error. The user part ends at the last {@code @} before the host, so a password may hold
     * an unescaped {@code @} (and {@code :}); {@code /}, {@code ?} and {@code #} must be
     * percent-encoded. Percent-escapes are decoded in the user, password, host and database.
     *
     * @throws ConfigException if it is not a PostgreSQL URL or is malformed; the message never
     *                         contains the password
     */
    public static DatabaseUrl parse(String url, String source) {
        return DatabaseUrlParser.parse(url, source);
    }

    /**
     * Builds a URL from separate settings, as in {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME},
     * {@code DB_USER} and {@code DB_PASSWORD}. A null or blank host means localhost; a null
     * database means the server's default.
     */
    public static DatabaseUrl fromParts(String host, int port, String database, String user, String password) {
        return new DatabaseUrl(host == null || host.isBlank() ? DEFAULT_HOST : host.strip(), port,
                database == null ? "" : database, user, password, Map.of());
    }

    /**
     * Returns the URL to give pgjdbc: {@code jdbc:postgresql://host:port/database} with the
     * parameters pgjdbc understands (libpq spellings translated), never the user, the password or
     * any other secret; pass {@link #connectionProperties()} alongside it.
     */
    public String jdbcUrl() {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        JdbcParameters.toJdbc(parameters).forEach((name, value) -> {
            if (!JdbcParameters.isSecret(name)) {
                query.add(PercentCoding.encode(name) + "=" + PercentCoding.encode(value));
            }
        });
        return "jdbc:postgresql://" + hostAndPort() + "/" + PercentCoding.encode(database) + query;
    }

    /**
     * Returns the properties for {@code DriverManager.getConnection(jdbcUrl(), properties)}: the
     * user, the password and every parameter pgjdbc understands, under pgjdbc's names.
     */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        JdbcParameters.toJdbc(parameters).forEach(properties::setProperty);
        // pgjdbc's connectTimeout bounds only the TCP connect, while libpq's connect_timeout bounds the whole
        // connection. Without loginTimeout a server that accepts and never answers (a proxy, a port that is not
        // PostgreSQL's, a hung server) would hold the command forever.
        String connectTimeout = properties.getProperty("connectTimeout");
        if (connectTimeout != null && !properties.containsKey("loginTimeout")) {
            properties.setProperty("loginTimeout", connectTimeout);
        }
        return properties;
    }

    /**
     * Returns the URL for people to read, with the password (and any parameter naming a password)
     * shown as {@code ***}: {@code postgresql://postgres:***@localhost:5433/equipment_db}.
     */
    public String redacted() {
        StringBuilder url = new StringBuilder("postgresql://");
        if (user != null || password != null) {
            url.append(user == null ? "" : shownUser(user)).append(password == null ? "" : ":***").append('@');
        }
        url.append(hostAndPort()).append('/').append(shownDatabase(database));
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> query.add(PercentCoding.encode(name) + "="
                + (JdbcParameters.isSecret(name) ? "***" : PercentCoding.encode(value))));
        return url.append(query).toString();
    }

    /** The word password and its '=' in a database name: a password given in another syntax, after it. */
    private static final java.util.regex.Pattern PASSWORD_SETTING =
            java.util.regex.Pattern.compile("(?i)password\\s*=");

    /**
     * A user name as a message shows it: one with a colon is a user and its password given where the user goes
     * ({@code ?user=app:secret}, {@code DB_USER=app:secret}), and what follows the colon is hidden.
     */
    private static String shownUser(String user) {
        int colon = user.indexOf(':');
        return colon < 0 ? PercentCoding.encode(user) : PercentCoding.encode(user.substring(0, colon)) + ":***";
    }

    /**
     * A database name as a message shows it: one with {@code password=} in it holds a password written in another
     * syntax ({@code appdb;password=secret}, {@code appdb password=secret}), and what follows it is hidden; a name
     * such as {@code my_password_db} is shown.
     */
    private static String shownDatabase(String database) {
        java.util.regex.Matcher secret = PASSWORD_SETTING.matcher(database);
        return !secret.find() ? PercentCoding.encode(database)
                : PercentCoding.encode(database.substring(0, secret.end())) + "***";
    }

    /** Returns {@link #redacted()}: a record's usual toString would print the password. */
    @Override
    public String toString() {
        return redacted();
    }

    private String hostAndPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
