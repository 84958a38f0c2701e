package dev.retort.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the PostgreSQL URL forms users copy from psql, SQLAlchemy, Docker files and JDBC into a
 * {@link DatabaseUrl}.
 *
 * <p>A password is never part of an error message: errors show the URL with everything before
 * the host masked, or nothing when the text does not even look like a URL.
 */
final class DatabaseUrlParser {
    private DatabaseUrlParser() {}

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?");
    /** A query parameter whose name {@link JdbcParameters#isSecret} takes for a secret's; its value follows. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&][^=&#]*(?:" + JdbcParameters.SECRET_WORDS + ")[^=&#]*=)[^&#]*");
    private static final String EXPECTED = "postgresql://user:password@host:port/database";
    private static final String SEVERAL_HOSTS = "names several hosts; Retort connects to one, so keep one host";

    static DatabaseUrl parse(String input, String source) {
        String url = input == null ? "" : input.strip();
        if (url.isEmpty()) {
            throw new ConfigException(source + " is empty; expected a URL like " + EXPECTED + ".");
        }
        // rest = [user[:password]@]host[:port][/database][?query][#fragment]
        String rest = afterScheme(url, source);
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        String tail = rest.substring(authorityEnd);
        Failure failure = new Failure(url, source, tail.indexOf('@') >= 0);

        int pathEnd = indexOfAny(tail, "?#");
        int fragment = tail.indexOf('#');
        String path = tail.substring(0, pathEnd);
        if (path.indexOf('@') >= 0 || (fragment >= 0 && tail.indexOf('@', fragment) >= 0)) {
            // The user part ends at the last '@', so that one is no '@' after the host: the host ended too soon, at
            // a '/', '?' or '#' in the password (postgresql://app:Pw#1@host/db), which the masked URL hides.
            throw failure.splitUserPart(tail.charAt(0));
        }
        String query = tail.startsWith("?", pathEnd)
                ? tail.substring(pathEnd + 1, fragment >= 0 ? fragment : tail.length())
                : "";

        // The user part ends at the LAST '@': passwords such as StrongPassw@rd123 are written
        // unescaped in real .env files, and a parser that stops at the first '@' rejects them.
        int at = authority.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = PercentCoding.decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : PercentCoding.decode(userInfo.substring(colon + 1));
        }
        String database = database(path, failure);
        Map<String, String> parameters = parameters(query, failure);
        // libpq and pgjdbc both accept the credentials as parameters; as in libpq, where later
        // settings override earlier ones, they win over the user part.
        user = parameters.containsKey("user") ? parameters.remove("user") : user;
        password = parameters.containsKey("password") ? parameters.remove("password") : password;
        // libpq takes the host and port as parameters too (postgresql://app@/db?host=/cloudsql/...), and they win
        // the same way. pgjdbc knows neither name: left in, they would be dropped, and the command would connect
        // to localhost:5432, perhaps another server, instead of the one they name.
        String hostParameter = parameters.remove("host");
        String portParameter = parameters.remove("port");
        Endpoint endpoint = endpoint(authority.substring(at + 1), at >= 0 && hostParameter == null, failure);
        if (hostParameter != null) {
            checkHost(hostParameter, failure);
            endpoint = new Endpoint(hostParameter, endpoint.port());
        }
        if (portParameter != null) {
            endpoint = new Endpoint(endpoint.host(), port(portParameter, failure));
        }
        return new DatabaseUrl(endpoint.host(), endpoint.port(), database, user, password, parameters);
    }

    private record Endpoint(String host, int port) {}

    /** Reads {@code host[:port]}; empty means localhost, as in libpq, unless it follows an '@'. */
    private static Endpoint endpoint(String hostPort, boolean afterCredentials, Failure failure) {
        if (hostPort.isEmpty()) {
            if (afterCredentials) {
                throw failure.of("names no host after '@'");
            }
            return new Endpoint(DatabaseUrl.DEFAULT_HOST, DatabaseUrl.DEFAULT_PORT);
        }
        if (hostPort.indexOf(',') >= 0) {
            // Before the port is split off: h1:5432,h2:5432 is a list of hosts, not a bad port.
            throw failure.of(SEVERAL_HOSTS);
        }
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw failure.of("has a '[' without ']' around its IPv6 host");
            }
            host = hostPort.substring(1, close);
            if (!IPV6.matcher(host).matches()) {
                throw failure.of("has an invalid IPv6 host");
            }
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw failure.of("has text after the IPv6 host's ']'");
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = hostPort.indexOf(':');
            host = PercentCoding.decode(colon < 0 ? hostPort : hostPort.substring(0, colon));
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
            checkHost(host, failure);
        }
        return new Endpoint(host, portText == null ? DatabaseUrl.DEFAULT_PORT : port(portText, failure));
    }

    private static String database(String path, Failure failure) {
        String raw = path.isEmpty() ? "" : path.substring(1);
        if (raw.indexOf('/') >= 0) {
            throw failure.of("has more than a database name after the host; write a '/' in the name as %2F");
        }
        return PercentCoding.decode(raw);
    }

    /** Reads {@code name=value&...}; a repeated name keeps its last value. */
    private static Map<String, String> parameters(String query, Failure failure) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw failure.of("has a query parameter that is not name=value");
            }
            parameters.put(PercentCoding.decode(pair.substring(0, eq)), PercentCoding.decode(pair.substring(eq + 1)));
        }
        return parameters;
    }

    /** Checks the scheme and returns what follows it: {@code [userinfo@]host[:port][/db][?query]}. */
    private static String afterScheme(String url, String source) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            if (!lower.startsWith("jdbc:postgresql:")) {
                int end = lower.indexOf(':', 5);
                String name = end < 0 ? "" : lower.substring(5, end);
                throw new ConfigException(source + " is a JDBC URL for '" + (SCHEME.matcher(name).matches() ? name : "?")
                        + "'; Retort supports PostgreSQL: jdbc:postgresql://host:port/database.");
            }
            String rest = url.substring("jdbc:postgresql:".length());
            if (rest.startsWith("//")) {
                return rest.substring(2);
            }
            // pgjdbc's short forms: jdbc:postgresql:database and jdbc:postgresql:/
            return rest.startsWith("/") ? rest : "/" + rest;
        }
        int separator = url.indexOf("://");
        if (separator < 0 || !SCHEME.matcher(url.substring(0, separator)).matches()) {
            throw new ConfigException(source + " is not a database URL; expected one like " + EXPECTED + ".");
        }
        String scheme = lower.substring(0, separator);
        // SQLAlchemy names the Python driver after a '+' (postgresql+asyncpg); Retort has one driver.
        int plus = scheme.indexOf('+');
        String dialect = plus < 0 ? scheme : scheme.substring(0, plus);
        if (!dialect.equals("postgresql") && !dialect.equals("postgres")) {
            throw new ConfigException(source + " uses the scheme '" + scheme
                    + "', which Retort does not support; use a PostgreSQL URL like " + EXPECTED + ".");
        }
        return url.substring(separator + 3);
    }

    private static void checkHost(String host, Failure failure) {
        if (host.isEmpty()) {
            throw failure.of("names no host");
        }
        if (host.indexOf(',') >= 0) {
            throw failure.of(SEVERAL_HOSTS);
        }
        if (host.startsWith("/")) {
            throw failure.of("names a Unix socket directory (" + host + ") as its host; Retort connects over TCP, so"
                    + " give the server's TCP host and port (localhost for a server on this machine)");
        }
        if (!isHost(host)) {
            throw failure.of("has an invalid host name");
        }
    }

    private static int port(String text, Failure failure) {
        int port = parsePort(text);
        if (port < 0) {
            throw failure.of("has an invalid port; expected a number from 1 to 65535");
        }
        return port;
    }

    /** Returns the port number written in {@code text}, or -1 if it is not one from 1 to 65535. */
    static int parsePort(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(text) : -1;
        return port >= 1 && port <= 65535 ? port : -1;
    }

    /** Whether {@code host} is a host name, an IPv4 address or an IPv6 address (with or without brackets). */
    static boolean isHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return HOST_NAME.matcher(bare).matches() || (bare.indexOf(':') >= 0 && IPV6.matcher(bare).matches());
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /**
     * Shows a URL that failed to parse without its credentials: everything between the scheme and
     * the last '@' is masked, and so is the value of any parameter whose name mentions a password.
     */
    static String masked(String url) {
        int separator = url.indexOf("://");
        if (separator < 0) {
            return null;
        }
        String rest = SECRET_PARAMETER.matcher(url.substring(separator + 3)).replaceAll("$1***");
        int at = rest.lastIndexOf('@');
        return url.substring(0, separator + 3) + (at < 0 ? portsMasked(rest) : "***" + rest.substring(at));
    }

    /**
     * A URL's part after the scheme without an '@', what follows its first colon hidden unless it is a port: such a
     * "port" is a password whose '@' and host were left out ({@code postgresql://app:secret/db}) or whose '@' was
     * ({@code postgresql://app:secret127.0.0.1/db}), and the password may hold a '/', '?', '#' or ',' (as base64 does),
     * so all of the rest is hidden.
     */
    private static String portsMasked(String rest) {
        int colon = rest.indexOf(':');
        if (colon < 0 || rest.startsWith("[")) {
            return rest;
        }
        int end = indexOfAny(rest, "/?#");
        // Hosts and ports, one or several (h1:5432,h2:5433), are shown; anything else after the colon is not.
        boolean hostsAndPorts = rest.substring(0, end).matches("[^:,]+(:\\d{1,5})?(,[^:,]+(:\\d{1,5})?)*");
        return hostsAndPorts ? rest : rest.substring(0, colon + 1) + "***";
    }

    /** Builds the error for one URL: its source, the masked URL, what is wrong, and a hint. */
    private record Failure(String url, String source, boolean passwordMaySplitUrl) {
        ConfigException of(String problem) {
            return of(problem, true);
        }

        /**
         * For a user part (before the last '@') holding {@code ended}, a '/', '?' or '#', which ends the host there:
         * what that character must be written as, which the general hint would only list.
         */
        ConfigException splitUserPart(char ended) {
            return of("has a '" + ended + "' before its last '@', in the user name or password, where it ends the "
                    + "host; write a '" + ended + "' there as %" + Integer.toHexString(ended).toUpperCase(Locale.ROOT)
                    + " (and a '/', '?' or '#' elsewhere in it as %2F, %3F and %23)", false);
        }

        private ConfigException of(String problem, boolean hint) {
            String shown = masked(url);
            StringBuilder message = new StringBuilder(source);
            if (shown != null) {
                message.append(" (").append(shown).append(')');
            }
            message.append(' ').append(problem).append('.');
            if (!hint) {
                return new ConfigException(message.toString());
            }
            if (passwordMaySplitUrl) {
                message.append(" If the password contains '/', '?' or '#', write them as %2F, %3F and %23.");
            } else {
                message.append(" Expected a URL like ").append(EXPECTED).append('.');
            }
            return new ConfigException(message.toString());
        }
    }
}
