package dev.retort.command;

import dev.retort.RetortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The password file the PostgreSQL driver reads for a URL without a password, as libpq reads {@code ~/.pgpass}: the
 * one the system property {@code org.postgresql.pgpassfile} names, else the one {@code PGPASSFILE} names, else
 * {@code ~/.pgpass} if it can be read. Retort does not read it to connect; it names it in messages.
 *
 * @param path  where the file is
 * @param named how messages name it: {@code /etc/app/pgpass (PGPASSFILE)}
 */
record PassFile(Path path, String named) {
    /** The driver's class that reads the file, and that fails on a line without all its fields. */
    private static final String PARSER = "org.postgresql.jdbcurlresolver.PgPassParser";
    private static final String PROPERTY = "org.postgresql.pgpassfile";
    private static final int FIELDS = 5;

    /** The file the driver reads, if there is one. */
    static Optional<PassFile> find() {
        try {
            String property = System.getProperty(PROPERTY);
            if (property != null && !property.isBlank()) {
                return Optional.of(new PassFile(Path.of(property), property + " (the system property " + PROPERTY
                        + ")"));
            }
            String variable = System.getenv("PGPASSFILE");
            if (variable != null && !variable.isBlank()) {
                return Optional.of(new PassFile(Path.of(variable), variable + " (PGPASSFILE)"));
            }
            Path home = Path.of(System.getProperty("user.home"), ".pgpass");
            return Files.isReadable(home) ? Optional.of(new PassFile(home, home.toString())) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code failure} is the driver's parser failing on the file: it reads past the end of a line that has
     * fewer fields than five ({@code 127.0.0.1:5432:appdb}) and throws a StringIndexOutOfBoundsException.
     */
    static boolean failedIn(RuntimeException failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals(PARSER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection opened as {@link DriverManager#getConnection(String, Properties)} opens it, for {@code description}
     * ("the dev database ... (dev_url in [models])"), with a malformed password file named rather than the driver's
     * crash on it, as {@link Database} names it for the target.
     */
    static Connection connect(String jdbcUrl, Properties properties, String description) throws SQLException {
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (RuntimeException e) {
            Optional<PassFile> file = find().filter(found -> failedIn(e));
            if (file.isEmpty()) {
                throw e;
            }
            throw new RetortException("Could not connect to " + description + ": " + file.get().malformed()
                    + ". Fix that line, or give the password in the URL.", e);
        }
    }

    /**
     * What is wrong with the file, for a parse that failed: which line lacks fields, never its text, which may hold a
     * password.
     */
    String malformed() {
        return shortLine().map(line -> "line " + line + " of the password file ").orElse("a line of the password file ")
                + named + " has fewer than five fields; its lines must be hostname:port:database:username:password";
    }

    /** The number of the first line that is neither blank nor a comment and has fewer than five fields. */
    private Optional<Integer> shortLine() {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#") && fields(line) < FIELDS) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    /** How many fields {@code line} has: its {@code :} separators, but those escaped as {@code \:}, plus one. */
    private static int fields(String line) {
        int fields = 1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                fields++;
            }
        }
        return fields;
    }
}
