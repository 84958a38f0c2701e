package dev.retort.command;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a session borrowed from an application's pool held when Retort took it, and what gives it back: the connection
 * returns to the application, whose next transactions must run with none of a migration's role, search path or
 * settings, nor the run's own timeouts.
 *
 * <p>A session's state of its own is what was set in it after it started: the settings made with {@code SET} (those
 * of source {@code session} in {@code pg_settings}, which a pool's init SQL and the driver's {@code setSchema} and
 * {@code setTransactionIsolation} make too), its role and session user, its session advisory locks, and on the
 * client its auto-commit. Each setting made in the session is reset, to what the start-up packet, the role or the
 * database sets, and those the session had made are then made again.
 *
 * <p>Not {@code RESET ALL}: that would also reset the custom settings of the application's sessions
 * ({@code app.tenant}), which PostgreSQL lists nowhere (neither {@code pg_settings} nor {@code SHOW ALL} has them), so
 * that nothing could make them again; they keep their value unless a migration sets them, or runs code, after which
 * the run resets the session's settings ({@code SessionReset} in the runtime).
 *
 * <p>The temporary tables, prepared statements and {@code LISTEN}s a run added go too ({@link SessionObjects}); those
 * the session had stay.
 *
 * @param autoCommit the connection's auto-commit as the pool handed it
 * @param sessionUser {@code session_user}: an application may have set its session authorization
 * @param role       {@code SET ROLE}'s role, {@code none} when the session runs as its session user
 * @param names      the settings made in the session, besides the role and the session user
 * @param values     their values, as {@code current_setting} shows them
 * @param heldLocks  whether the session held advisory locks: if not, any it holds when given back are a run's
 * @param objects    its temporary tables, prepared statements and channels
 */
record SessionSnapshot(boolean autoCommit, String sessionUser, String role, List<String> names, List<String> values,
                       boolean heldLocks, SessionObjects objects) {
    /**
     * The settings of a session that are given back apart (the role, the session user), that follow from them, or that
     * only a transaction holds.
     */
    private static final String NOT_SETTINGS = "('role', 'session_authorization', 'is_superuser', "
            + "'transaction_isolation', 'transaction_read_only', 'transaction_deferrable')";
    private static final String SESSION_SETTINGS = "FROM pg_catalog.pg_settings WHERE source = 'session' AND name "
            + "NOT IN " + NOT_SETTINGS + " ORDER BY name";
    /** Resets every setting made in the session, as the user it started as (a migration's role may not). */
    private static final String RESET = "RESET SESSION AUTHORIZATION; RESET ROLE; DO $retort$DECLARE setting text; "
            + "BEGIN FOR setting IN SELECT name " + SESSION_SETTINGS + " LOOP EXECUTE format('RESET %I', setting); "
            + "END LOOP; END$retort$";

    SessionSnapshot {
        names = List.copyOf(names);
        values = List.copyOf(values);
    }

    /**
     * Reads what {@code connection}, just borrowed, holds, in one round trip; leaves it in auto-commit, as Retort's
     * connections start. A pool's connection is not in a transaction when it is lent.
     *
     * <p>When the state cannot be read (the session's role may not read {@code pg_settings}, its timeout is too short),
     * the connection is left with the auto-commit it was lent with, which not every pool sets back when it is given
     * back; a session whose auto-commit cannot be set back either is aborted, so that the pool drops it rather than
     * lend the application a session that commits each statement.
     */
    static SessionSnapshot take(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT session_user::text, current_setting('role'), "
                        + "EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' "
                        + "AND pid = pg_catalog.pg_backend_pid()), "
                        + "ARRAY(SELECT name " + SESSION_SETTINGS + "), "
                        + "ARRAY(SELECT current_setting(name) " + SESSION_SETTINGS + "), " + SessionObjects.READ)) {
            rs.next();
            return new SessionSnapshot(autoCommit, rs.getString(1), rs.getString(2), strings(rs.getArray(4)),
                    strings(rs.getArray(5)), rs.getBoolean(3), SessionObjects.read(rs, 6));
        } catch (SQLException | RuntimeException e) {
            if (!autoCommit) {
                giveBackAutoCommit(connection);
            }
            throw e;
        }
    }

    /** Sets {@code connection}'s auto-commit back off, as it was lent, or else aborts its session. */
    private static void giveBackAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // The pool's own check of the connection is left; the failure to read it is what the user is told.
            }
        }
    }

    /** The settings made in the session, by name in lower case, as the runtime looks them up. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            settings.put(names.get(i).toLowerCase(Locale.ROOT), values.get(i));
        }
        // A pool's SET ROLE: a migration's tables must belong to the role the session was lent as, also after a step
        // whose reset ends the role.
        if (!role.equals("none")) {
            settings.put("role", role);
        }
        return settings;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /**
     * Gives {@code connection} back what it held when it was borrowed, in two round trips: a transaction a failure
     * left open is rolled back; the session user, the role and every setting are reset and those of the snapshot
     * made again; the advisory locks a run left are released unless the session held some before; and the temporary
     * tables, prepared statements and {@code LISTEN}s the run added are removed, in a third round trip when there are
     * any.
     */
    void restore(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(RESET + (heldLocks ? "" : "; SELECT pg_catalog.pg_advisory_unlock_all()"));
        }
        List<String> settings = new ArrayList<>(List.of("session_authorization"));
        List<String> made = new ArrayList<>(List.of(sessionUser));
        if (!role.equals("none")) {
            settings.add("role");
            made.add(role);
        }
        settings.addAll(names);
        made.addAll(values);
        // In the order given: the session user first, as setting it ends a role. Setting it to the user the session
        // is now (as a rule, the one it started as) would change nothing and is left out.
        // What the run added is asked for in the same query, and removed as the role the session goes back with.
        List<String> added;
        try (PreparedStatement statement = connection.prepareStatement("SELECT (SELECT count(pg_catalog.set_config("
                + "name, value, false)) FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS s(name, value, n) "
                + "WHERE NOT (name = 'session_authorization' AND value = session_user::text)), "
                + SessionObjects.ADDED)) {
            statement.setArray(1, connection.createArrayOf("text", settings.toArray()));
            statement.setArray(2, connection.createArrayOf("text", made.toArray()));
            objects.bind(statement, connection, 3);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                added = SessionObjects.added(rs, 2);
            }
        }
        SessionObjects.remove(connection, added);
        if (!autoCommit) {
            connection.setAutoCommit(false);
        }
    }
}
