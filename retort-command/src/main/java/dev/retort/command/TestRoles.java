package dev.retort.command;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The roles {@code retort test} made on its server, told apart from every other role there: roles belong to the
 * whole server, and another job testing the same migrations on a shared server makes roles of the same names at the
 * same time, while a role that was there before (even one a migration renames) is the server's, not the test's.
 *
 * <p>A role is the test's when its catalog row ({@code pg_authid}) was written by the transaction of one of the
 * test's own migration steps (its {@code xmin} is that of the step's {@code retort_history} row, written in the same
 * transaction) and did not exist when the step began. PostgreSQL records no creator of a role; this is the nearest
 * exact trace, read after each step. What it cannot tell (a role made outside a step's transaction, in an autocommit
 * part; one another session made while the step ran and the step then altered; any, on a server whose
 * {@code pg_authid} the test's user may not read) is left, never dropped, and named for the user to drop by hand.
 */
final class TestRoles {
    /** The server's roles, by OID, when the test began. */
    private final Map<Long, String> before;
    /** Whether the test's user may read {@code pg_authid}, where a role's {@code xmin} is. */
    private final boolean readable;
    /** The OIDs of the roles the test's steps made. */
    private final Set<Long> made = new HashSet<>();

    private TestRoles(Map<Long, String> before, boolean readable) {
        this.before = before;
        this.readable = readable;
    }

    /** The roles of the server that {@code connection} is on, as the test begins. */
    static TestRoles at(Connection connection) throws SQLException {
        boolean readable;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT has_table_privilege('pg_catalog.pg_authid', 'SELECT')")) {
            readable = rs.next() && rs.getBoolean(1);
        }
        return new TestRoles(present(connection), readable);
    }

    /** The server's roles now, OID to name. */
    static Map<Long, String> present(Connection connection) throws SQLException {
        Map<Long, String> roles = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT oid, rolname FROM pg_roles ORDER BY rolname")) {
            while (rs.next()) {
                roles.put(rs.getLong(1), rs.getString(2));
            }
        }
        return roles;
    }

    /** The OIDs of the roles there before a step, for {@link #stepped}; none when no role can be told as the test's. */
    Set<Long> beforeStep(Connection scratch) throws SQLException {
        return readable ? present(scratch).keySet() : Set.of();
    }

    /**
     * Notes the roles that the step just committed on {@code scratch} made: not there before it ({@code beforeStep})
     * and written by its transaction, the one of the newest row of {@code history}, the scratch database's
     * {@code retort_history} (as the connection names it).
     */
    void stepped(Connection scratch, Set<Long> beforeStep, String history) throws SQLException {
        if (!readable) {
            return;
        }
        try (PreparedStatement s = scratch.prepareStatement("SELECT a.oid FROM pg_catalog.pg_authid a WHERE a.xmin = "
                + "(SELECT h.xmin FROM " + history + " h ORDER BY h.id DESC LIMIT 1) AND a.oid::bigint <> ALL (?)")) {
            Array oids = scratch.createArrayOf("int8", beforeStep.toArray());
            s.setArray(1, oids);
            try (ResultSet rs = s.executeQuery()) {
                synchronized (this) {
                    while (rs.next()) {
                        made.add(rs.getLong(1));
                    }
                }
            }
        }
    }

    /** Whether the role {@code oid} is one the test made. */
    synchronized boolean made(long oid) {
        return made.contains(oid);
    }

    /** The name the role {@code oid} had when the test began; null when it was not there. */
    String nameBefore(long oid) {
        return before.get(oid);
    }

    /** Why a new role is not known as the test's, for the line that names it. */
    String unknownWhy() {
        return readable ? "but not in a transaction of the test's migrations (another job's on this server, or made "
                + "in an autocommit part)"
                : "and the test's user may not read pg_authid to tell whether the test made it";
    }
}
