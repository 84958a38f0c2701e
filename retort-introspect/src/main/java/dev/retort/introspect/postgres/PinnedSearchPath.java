package dev.retort.introspect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Sets the session's {@code search_path} to {@code public} (or to the default schema and {@code public}) while the
 * catalog is read, and restores it on close.
 *
 * <p>{@code format_type()}, {@code pg_get_expr()} and {@code regclass} literals qualify a name only when the
 * search path cannot see it. Pinning the path makes {@code status} print as {@code status} and
 * {@code app.mood} as {@code app.mood} on every database, whatever the user's role or database settings,
 * so a target database and a scratch database describe the same schema in the same words.
 */
final class PinnedSearchPath implements AutoCloseable {
    private final Connection connection;
    private final String original;

    private PinnedSearchPath(Connection connection, String original) {
        this.connection = connection;
        this.original = original;
    }

    /**
     * Remembers the current search path and replaces it with {@code defaultSchema}, followed by {@code public} when
     * that is another: a type of an extension there (citext) then prints unqualified, as on a database whose default
     * schema is {@code public}.
     */
    static PinnedSearchPath pin(Connection connection, String defaultSchema) throws SQLException {
        return pinTo(connection, defaultSchema.equals(CatalogScope.DEFAULT_SCHEMA) ? CatalogScope.DEFAULT_SCHEMA
                : quoted(defaultSchema) + ", " + CatalogScope.DEFAULT_SCHEMA);
    }

    /**
     * Remembers the current search path and replaces it with {@code defaultSchema} alone, as a migration's session
     * of a tenant has it: what lies in {@code public} then prints with its schema.
     */
    static PinnedSearchPath alone(Connection connection, String defaultSchema) throws SQLException {
        return pinTo(connection, quoted(defaultSchema));
    }

    private static PinnedSearchPath pinTo(Connection connection, String path) throws SQLException {
        String original;
        try (PreparedStatement statement = connection.prepareStatement("select current_setting('search_path')");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            original = rows.getString(1);
        }
        set(connection, path);
        return new PinnedSearchPath(connection, original);
    }

    /**
     * Puts the original search path back.
     *
     * <p>A session-level setting rather than {@code SET LOCAL}: the caller's connection may be in autocommit
     * mode, where a local setting would vanish before the next query. Inside a caller's transaction that a
     * failure aborted, this restore fails too, but the caller's rollback then undoes the change anyway.
     */
    @Override
    public void close() throws SQLException {
        set(connection, original);
    }

    /** {@code schema} as a name in a search path: always quoted, as a name in mixed case or with a comma needs. */
    private static String quoted(String schema) {
        return '"' + schema.replace("\"", "\"\"") + '"';
    }

    private static void set(Connection connection, String path) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config('search_path', ?, false)")) {
            statement.setString(1, path);
            statement.executeQuery().close();
        }
    }
}
