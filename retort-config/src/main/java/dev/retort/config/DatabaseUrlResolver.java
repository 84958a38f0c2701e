package dev.retort.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which database a command targets; the first of these that is set wins:
 * {@code --url}, {@code -x url=} (the key in any case), {@code database_url} in retort.toml, {@code DATABASE_URL} in
 * the environment, {@code DATABASE_URL} in .env, the {@code DB_*} variables (environment or
 * .env), and otherwise nothing, which means the embedded PostgreSQL.
 */
final class DatabaseUrlResolver {
    private DatabaseUrlResolver() {}

    /** The chosen database, if any, and a description of where it came from. */
    record Resolved(Optional<DatabaseUrl> url, String source) {}

    private static final String[] PARTS = {"DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD"};

    /** @param names how messages name {@code urlFlag} and {@code xArguments}: {@code --url}, {@code -x url} */
    static Resolved resolve(Optional<String> urlFlag, Map<String, String> xArguments, Optional<String> fileUrl,
                            String configName, Map<String, String> environment, DotEnv dotEnv, ArgumentNames names) {
        Resolved resolved = configured(urlFlag, xArguments, fileUrl, configName, environment, dotEnv, names);
        if (resolved.url().isPresent()) {
            resolved = withLogin(resolved, environment, dotEnv);
        }
        return resolved.url().isPresent() && resolved.url().get().password() == null
                ? withPgPassword(resolved, environment, dotEnv)
                : resolved;
    }

    /**
     * A URL that names no user takes {@code DB_USER}'s, and, without a password, {@code DB_PASSWORD}'s, each from the
     * environment or else {@code .env}: a project that keeps the login apart from the URL ({@code
     * DATABASE_URL=jdbc:postgresql://db/shop} beside {@code DB_USER} and {@code DB_PASSWORD}, as Flyway's {@code url},
     * {@code user} and {@code password} go) would otherwise log in as the operating system's user with no password,
     * and be refused with no word of the variables it passed over. A URL that names its user keeps to it, and looks
     * for a password where psql does ({@link #withPgPassword}).
     */
    private static Resolved withLogin(Resolved resolved, Map<String, String> environment, DotEnv dotEnv) {
        DatabaseUrl url = resolved.url().get();
        if (url.user() != null) {
            return resolved;
        }
        Optional<Map.Entry<String, String>> user = part("DB_USER", environment, dotEnv);
        if (user.isEmpty()) {
            return resolved;
        }
        Optional<Map.Entry<String, String>> password = url.password() != null ? Optional.empty()
                : part("DB_PASSWORD", environment, dotEnv);
        String source = resolved.source() + " and " + user.get().getKey()
                + password.map(p -> " and " + p.getKey()).orElse("");
        return new Resolved(Optional.of(new DatabaseUrl(url.host(), url.port(), url.database(), user.get().getValue(),
                password.map(Map.Entry::getValue).orElse(url.password()), url.parameters())), source);
    }

    /** The value of {@code name} in the environment, else in {@code .env}, with where it was found; or none. */
    private static Optional<Map.Entry<String, String>> part(String name, Map<String, String> environment,
            DotEnv dotEnv) {
        if (isSet(environment.get(name))) {
            return Optional.of(Map.entry(name, environment.get(name)));
        }
        String value = dotEnv.get(name);
        return isSet(value) ? Optional.of(Map.entry(name + " in " + dotEnv.name(), value)) : Optional.empty();
    }

    /**
     * Whether the command line names the database ({@code --url} or {@code -x url=}), so that nothing further down the
     * precedence is looked at: not {@code database_url}, nor {@code DATABASE_URL} in the environment or {@code .env}.
     */
    static boolean givenOnCommandLine(Optional<String> urlFlag, Map<String, String> xArguments) {
        return urlFlag.isPresent() || urlArgument(xArguments).isPresent();
    }

    /**
     * A URL without a password takes it from {@code PGPASSWORD}, as psql and pg_dump do: CI jobs set it for them, and
     * a password kept out of the URL is kept out of the job's configuration too. (The driver itself reads
     * {@code ~/.pgpass} and {@code PGPASSFILE}, but not {@code PGPASSWORD}.)
     */
    private static Resolved withPgPassword(Resolved resolved, Map<String, String> environment, DotEnv dotEnv) {
        DatabaseUrl url = resolved.url().get();
        DatabaseUrl withPassword = withPgPassword(url, environment, dotEnv);
        if (withPassword == url) {
            return resolved;
        }
        String source = isSet(environment.get("PGPASSWORD")) ? "PGPASSWORD" : "PGPASSWORD in " + dotEnv.name();
        return new Resolved(Optional.of(withPassword), resolved.source() + " and " + source);
    }

    /**
     * {@code url}, with the password of {@code PGPASSWORD} (the environment's, else {@code .env}'s) when it has none;
     * {@code url} itself otherwise. Also for the servers of {@code retort test} and of the dev database, which a
     * CI job that sets PGPASSWORD for its service names without a password as it does the database.
     */
    static DatabaseUrl withPgPassword(DatabaseUrl url, Map<String, String> environment, DotEnv dotEnv) {
        if (url.password() != null) {
            return url;
        }
        String password = isSet(environment.get("PGPASSWORD")) ? environment.get("PGPASSWORD")
                : dotEnv.get("PGPASSWORD");
        if (!isSet(password)) {
            return url;
        }
        return new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), password, url.parameters());
    }

    private static Resolved configured(Optional<String> urlFlag, Map<String, String> xArguments,
                                       Optional<String> fileUrl, String configName, Map<String, String> environment,
                                       DotEnv dotEnv, ArgumentNames names) {
        if (urlFlag.isPresent()) {
            return given(urlFlag.get(), names.url());
        }
        Optional<Map.Entry<String, String>> xUrl = urlArgument(xArguments);
        if (xUrl.isPresent()) {
            return given(xUrl.get().getValue(), names.argument(xUrl.get().getKey()));
        }
        if (fileUrl.isPresent()) {
            return parsed(fileUrl.get(), "database_url in " + configName);
        }
        if (isSet(environment.get("DATABASE_URL"))) {
            return parsed(environment.get("DATABASE_URL"), "DATABASE_URL in the environment");
        }
        if (isSet(dotEnv.get("DATABASE_URL"))) {
            return parsed(dotEnv.get("DATABASE_URL"), "DATABASE_URL in " + dotEnv.name());
        }
        return fromParts(environment, dotEnv)
                .orElse(new Resolved(Optional.empty(), RetortConfig.NOT_CONFIGURED));
    }

    /**
     * The {@code -x} argument that sets the database: its key is {@code url} in any case, since an {@code -x URL=...}
     * that did not would be handed, password and all, to the migrations as an ordinary argument. Of several, the
     * last given wins, as it does when {@code -x url=} itself is repeated.
     */
    static Optional<Map.Entry<String, String>> urlArgument(Map<String, String> xArguments) {
        Map.Entry<String, String> last = null;
        for (Map.Entry<String, String> argument : xArguments.entrySet()) {
            if (argument.getKey().equalsIgnoreCase("url")) {
                last = argument;
            }
        }
        return Optional.ofNullable(last);
    }

    /** A URL given on the command line must not be blank: "--url $UNSET" is a mistake to report. */
    private static Resolved given(String url, String source) {
        if (!isSet(url)) {
            throw new ConfigException(source + " is empty; give a database URL such as"
                    + " postgresql://user:password@host:5432/database.");
        }
        return parsed(url, source);
    }

    private static Resolved parsed(String url, String source) {
        return new Resolved(Optional.of(DatabaseUrl.parse(url, source)), source);
    }

    /** The guide's .env style: DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, each from the environment or .env. */
    private static Optional<Resolved> fromParts(Map<String, String> environment, DotEnv dotEnv) {
        String[] values = new String[PARTS.length];
        boolean fromEnvironment = false;
        boolean fromDotEnv = false;
        for (int i = 0; i < PARTS.length; i++) {
            String value = environment.get(PARTS[i]);
            if (isSet(value)) {
                fromEnvironment = true;
            } else {
                value = dotEnv.get(PARTS[i]);
                fromDotEnv |= isSet(value);
            }
            values[i] = isSet(value) ? value : null;
        }
        String host = values[0];
        String name = values[2];
        String source = "DB_* variables in " + (fromEnvironment && fromDotEnv ? "the environment and " + dotEnv.name()
                : fromEnvironment ? "the environment" : dotEnv.name());
        if (host == null && name == null) {
            if (fromEnvironment || fromDotEnv) {
                // The rest of a database's settings without its host and name: the embedded PostgreSQL would take
                // the migrations meant for that database, with nothing but a notice.
                List<String> set = new ArrayList<>();
                for (int i = 0; i < PARTS.length; i++) {
                    if (values[i] != null) {
                        set.add(PARTS[i]);
                    }
                }
                throw new ConfigException(String.join(", ", set) + " (" + source + ") "
                        + (set.size() == 1 ? "is" : "are") + " set, but neither DB_HOST nor DB_NAME is; set them "
                        + "too (or DATABASE_URL), or unset " + (set.size() == 1 ? "it" : "them")
                        + " to use the embedded PostgreSQL.");
            }
            return Optional.empty();
        }
        List<String> unset = new ArrayList<>();
        for (int i = 0; i < PARTS.length; i++) {
            if (values[i] == null) {
                unset.add(PARTS[i]);
            }
        }
        // DB_NAME beside a misspelt DB_HSOT would migrate the database of that name on localhost.
        Optional<String> misspelt = misspelling(dotEnv, unset);
        if (misspelt.isPresent()) {
            throw new ConfigException(misspelt.get() + " The database would be taken from the other DB_* variables ("
                    + source + ") without it: rename the key.");
        }
        int port = values[1] == null ? DatabaseUrl.DEFAULT_PORT : port(values[1].strip(), source);
        if (host != null && !DatabaseUrlParser.isHost(host.strip())) {
            throw new ConfigException("DB_HOST (" + source + ") is not a host name; give just the host,"
                    + " such as localhost or db.example.com, and the port in DB_PORT.");
        }
        return Optional.of(new Resolved(Optional.of(DatabaseUrl.fromParts(host, port, name, values[3], values[4])),
                source));
    }

    private static int port(String text, String source) {
        int port = DatabaseUrlParser.parsePort(text);
        if (port < 0) {
            throw new ConfigException("DB_PORT (" + source + ") is '" + text
                    + "', which is not a port; give a number from 1 to 65535.");
        }
        return port;
    }

    /**
     * The error for a {@code .env} whose key is probably a misspelling of one Retort reads for the database
     * ({@code DATABSE_URL}, {@code database_url}, {@code DATABASE-URL}, {@code DB_HSOT}), when no database is
     * configured: the command would otherwise run on the embedded PostgreSQL with no word of the key it skipped.
     */
    static Optional<String> misspelt(DotEnv dotEnv) {
        List<String> known = new ArrayList<>(List.of("DATABASE_URL"));
        known.addAll(List.of(PARTS));
        return misspelling(dotEnv, known).map(found -> found + " No database is configured, so the command would run "
                + "on the embedded PostgreSQL: rename the key.");
    }

    /** The first key of {@code .env} that is probably a misspelling of one of {@code known}, told with its line. */
    private static Optional<String> misspelling(DotEnv dotEnv, List<String> known) {
        for (Map.Entry<String, Integer> line : dotEnv.keyLines().entrySet()) {
            for (String key : known) {
                if (KeySpelling.nearMiss(line.getKey(), key)) {
                    return Optional.of(dotEnv.name() + " line " + line.getValue() + ": " + line.getKey()
                            + " is not a key Retort reads; did you mean " + key + "?");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The error for a {@code DATABASE_URL} that is there but empty, in the environment or in {@code .env}, when no
     * database is configured: a CI job whose secret did not arrive ({@code DATABASE_URL: ${{ secrets.DB_URL }}}) or
     * a container given {@code -e DATABASE_URL} of an unset variable would otherwise migrate the embedded PostgreSQL
     * and exit 0, and the deploy would go on against a database that was never upgraded.
     */
    static Optional<String> emptyUrl(Map<String, String> environment, DotEnv dotEnv) {
        String where = environment.containsKey("DATABASE_URL") ? "DATABASE_URL in the environment"
                : dotEnv.keyLines().containsKey("DATABASE_URL")
                        ? dotEnv.name() + " line " + dotEnv.keyLines().get("DATABASE_URL") + ": DATABASE_URL"
                        : null;
        return where == null ? Optional.empty() : Optional.of(where + " is empty, and no other setting names a "
                + "database, so the command would run on the embedded PostgreSQL; give the database's URL (a CI secret "
                + "or variable that did not arrive?), or unset DATABASE_URL to use the embedded PostgreSQL.");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
