package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells whether a version table of these migrations, found in a schema of nothing but Retort's tables while this run
 * finds none where it looks, is this target's own, kept there by a {@code version_table_schema} of before: then the
 * run must not take the database for an empty one. Other targets of the same project keep such tables too: a tenant
 * whose Retort tables have a schema of their own ({@code version_table_schema = "${tenant}_meta"}), or a tenant whose
 * revisions made no table yet. What tells them apart is where the found table's revisions made their objects.
 *
 * <p>A step's objects carry the transaction that made them in their catalog rows' {@code xmin}, and so does the
 * history row of the upgrade, written in that transaction. The types of the objects (a table's row type among them,
 * which, unlike its {@code pg_class} row, no later {@code ALTER TABLE} or {@code TRUNCATE} rewrites) name the schemas
 * the found table's revisions made things in. The table is this target's:
 * <ul>
 * <li>when they made something in the schema this run's unqualified tables go to (the first schema of the search
 * path that exists, or that the run creates as the chosen one);</li>
 * <li>when no such object is left (no table made, or a restored database, whose rows all carry the restore's
 * transactions), as long as that schema holds tables: a database that is not empty;</li>
 * <li>and otherwise, when that schema holds tables (into an empty one this run makes everything anew, as a new
 * tenant does), unless the found schema is named after a schema its revisions made things in as the chosen
 * schema is named after this run's (from {@code tenant_a} and {@code tenant_a_meta}, {@code tenant_b_meta} is
 * {@code tenant_b}'s), which is another target of the same {@code ${...}} layout. A found schema that is a
 * tenant's own, its revisions' types beside Retort's tables, is such a one for a chosen schema that is this run's
 * own.</li>
 * </ul>
 */
final class FormerSchema {
    private FormerSchema() {
    }

    /**
     * Whether {@code found} (a schema of nothing but Retort's tables, holding a version table of these migrations)
     * keeps this target's version table, as {@code table} (in the chosen schema, or without one) finds none.
     */
    static boolean isThisTargets(Connection connection, Dialect dialect, VersionTable table, String found)
            throws SQLException {
        Set<String> made = madeIn(connection, dialect, table, found);
        String chosen = table.chosenSchema();
        List<String> path;
        String target = null;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT current_setting('search_path'), current_user, current_schemas(false)::text[]")) {
            rs.next();
            path = SearchPath.schemas(rs.getString(1), rs.getString(2));
            Array existing = rs.getArray(3);
            Set<String> exists = new HashSet<>(Arrays.asList((String[]) existing.getArray()));
            for (String schema : path) {
                if (exists.contains(schema) || schema.equals(chosen)) {
                    target = schema;
                    break;
                }
            }
        }
        if (target != null && made.contains(target)) {
            return true;
        }
        boolean targetHoldsTables = target != null && holdsTables(connection, dialect, table, target);
        if (made.isEmpty()) {
            return targetHoldsTables;
        }
        // Made elsewhere: into a schema that holds no table yet, this run makes everything anew beside them, as a
        // new tenant does beside a shared schema whose Retort tables have a schema of their own.
        return targetHoldsTables && !namedAlike(chosen, path, found, made);
    }

    /**
     * The schemas the upgrades that {@code found}'s history records made types in, Retort's own tables left out; empty
     * without a history there, or one this user may not read.
     */
    private static Set<String> madeIn(Connection connection, Dialect dialect, VersionTable table, String found)
            throws SQLException {
        Set<String> schemas = new HashSet<>();
        String history = dialect.quote(QualifiedName.of(found, HistoryTable.NAME));
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass(" + dialect.literal(history) + ")")) {
                if (!rs.next() || rs.getString(1) == null) {
                    return schemas;
                }
            }
            // A run in one transaction (transaction_per_migration = false) makes Retort's tables in its first step's.
            String retorts = String.join(", ", List.of(table.name(), HistoryTable.NAME, "_" + table.name(),
                    "_" + HistoryTable.NAME).stream().map(dialect::literal).toList());
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid "
                    + "= t.typnamespace WHERE t.xmin IN (SELECT h.xmin FROM " + history + " h WHERE h.direction = "
                    + "'upgrade') AND NOT (n.nspname = " + dialect.literal(found) + " AND t.typname IN (" + retorts
                    + "))")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
        }
        return schemas;
    }

    /** Whether {@code schema} holds tables (or views) other than Retort's. */
    private static boolean holdsTables(Connection connection, Dialect dialect, VersionTable table, String schema)
            throws SQLException {
        String query = "SELECT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = " + dialect.literal(schema) + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
                + "AND c.relname NOT IN (" + dialect.literal(table.name()) + ", " + dialect.literal(HistoryTable.NAME)
                + "))";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Whether {@code found} is named after one of the schemas its revisions made things in ({@code made}) as the
     * chosen schema is named after a schema of this run's search path: {@code tenant_b_meta} beside a chosen
     * {@code tenant_a_meta} with {@code tenant_a} on the path, or {@code tenant_b} beside a chosen {@code tenant_a}.
     */
    static boolean namedAlike(String chosen, List<String> path, String found, Set<String> made) {
        if (chosen == null) {
            return false;
        }
        for (String own : path) {
            for (int at = own.isEmpty() ? -1 : chosen.indexOf(own); at >= 0; at = chosen.indexOf(own, at + 1)) {
                String prefix = chosen.substring(0, at);
                String suffix = chosen.substring(at + own.length());
                if (found.length() > prefix.length() + suffix.length() && found.startsWith(prefix)
                        && found.endsWith(suffix)) {
                    String other = found.substring(prefix.length(), found.length() - suffix.length());
                    if (!other.equals(own) && made.contains(other)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
