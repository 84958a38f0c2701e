package dev.retort.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The roles {@code retort test} made on its server, told apart from every other role there: roles belong to the
 * whole server, and another job testing the same migrations on a shared server makes roles of the same names at the
 * same time, while a role that was there before (even one a migration renames) is the server's, not the test's.
 *
 * <p>A role is the test's when it did not exist when one of the test's own migration steps began and its catalog row
 * ({@code pg_authid}) was written by that step's transaction (its {@code xmin} is that of the step's
 * {@code retort_history} row, written in the same transaction). PostgreSQL records no creator of a role; this is the
 * nearest exact trace, read after each step. A role made in a subtransaction of the step (the usual guarded
 * {@code CREATE ROLE}, in a {@code DO} block with an {@code EXCEPTION} clause) carries the subtransaction's id, which
 * PostgreSQL assigns after the step's own, and no query can tie it to its parent: such a role is the test's when its
 * row is no older than the step's transaction and the step's migration names it ({@link RoleNames}). A role made in
 * a step that runs statements outside its transaction (an autocommit part) carries the id of that statement's own
 * transaction, or of the one that committed what came before the part, which PostgreSQL assigned after the step began
 * and before the step's last transaction: in such a step, a role is the test's when a transaction that began after
 * the step did wrote its row and the step's migration names it. So is a role that appeared while the step ran and
 * that the migration names, on a server whose {@code pg_authid} the test's user may not read (a non-superuser's).
 * What it cannot tell (a role made under a name the migration does not write, outside the step's transaction; one
 * another session made while the step ran and the step then altered) is left, never dropped, and named for the user
 * to drop by hand.
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

    /**
     * Where the server stood as a step began: the OIDs of its roles, and a transaction id taken then (the number of
     * {@code txid_current()}, within its epoch), after which every transaction of the step comes.
     */
    record StepStart(Set<Long> roles, long transaction) {
    }

    /** Where the server stands before a step, for {@link #stepped}. */
    StepStart beforeStep(Connection scratch) throws SQLException {
        Set<Long> roles = present(scratch).keySet();
        try (Statement s = scratch.createStatement();
                ResultSet rs = s.executeQuery("SELECT txid_current() % 4294967296")) {
            rs.next();
            return new StepStart(roles, rs.getLong(1));
        }
    }

    /**
     * Notes the roles that the step just committed on {@code scratch} made: not there before it ({@code start}) and
     * written by its transaction, the one of the newest row of {@code history}, the scratch database's
     * {@code retort_history} (as the connection names it); or written under a name the step's migration writes
     * ({@code named}) by a later one (a subtransaction of it), or, when the step ran statements outside its
     * transaction ({@code outside}, asked only then), by one since the step began; as is any new one under such a
     * name when {@code pg_authid} is closed.
     */
    void stepped(Connection scratch, StepStart start, String history, Predicate<String> named,
            BooleanSupplier outside) throws SQLException {
        // age() counts back from now, so a smaller age is a later transaction, across the wraparound of ids too.
        String query = readable ? "SELECT a.oid, a.rolname, a.xmin = t.x, age(a.xmin) < age(t.x), "
                + "age(a.xmin) < age(?::text::xid) FROM pg_catalog.pg_authid a, (SELECT h.xmin AS x FROM " + history
                + " h ORDER BY h.id DESC LIMIT 1) t WHERE a.oid::bigint <> ALL (?)"
                : "SELECT oid, rolname, false, true, true FROM pg_catalog.pg_roles WHERE oid::bigint <> ALL (?)";
        try (PreparedStatement s = scratch.prepareStatement(query)) {
            int p = 1;
            if (readable) {
                s.setString(p++, Long.toString(start.transaction()));
            }
            s.setArray(p, scratch.createArrayOf("int8", start.roles().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                synchronized (this) {
                    while (rs.next()) {
                        boolean written = rs.getBoolean(3);
                        boolean afterItsTransaction = rs.getBoolean(4);
                        boolean sinceItBegan = rs.getBoolean(5);
                        if (written || named.test(rs.getString(2))
                                && (afterItsTransaction || sinceItBegan && outside.getAsBoolean())) {
                            made.add(rs.getLong(1));
                        }
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
                + "outside a step's transaction under a name its migration does not write)"
                : "under a name the migration that ran then does not write, and the test's user may not read pg_authid "
                        + "to tell whether the test made it";
    }
}
