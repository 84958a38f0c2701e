package dev.retort.introspect.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads which views, materialized views, rules and row-level security policies read each column of the tables in
 * scope: PostgreSQL refuses to retype such a column ("cannot alter type of a column used by a view or rule", "... used
 * in a policy definition") and to drop it without CASCADE, so autogenerate names them where it plans either.
 *
 * <p>One query over {@code pg_depend}: a view's or materialized view's query is a rule ({@code pg_rewrite}) that
 * depends on each column it reads, and a policy ({@code pg_policy}, PostgreSQL 9.5 on) on each column of its
 * expressions. A rule on a table ({@code CREATE RULE}) is named as such.
 */
final class ReaderQuery {
    // Normal dependencies ('n') only, on a column (refobjsubid > 0): a policy's own table is an automatic one, on the
    // whole table, and goes with the table; the columns of its table that it reads are normal, and block a drop.
    private static final String SQL = CatalogScope.SCOPED_TABLES + """
            select distinct t.oid, a.attname,
                   case when d.classid = 'pg_policy'::regclass then 'policy'
                        when c.relkind = 'v' then 'view'
                        when c.relkind = 'm' then 'materialized view'
                        else 'rule' end,
                   coalesce(p.polname, r.rulename), n.nspname, c.relname
            from scoped_table t
            join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = t.oid and d.refobjsubid > 0
            join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
            left join pg_rewrite r on d.classid = 'pg_rewrite'::regclass and r.oid = d.objid
            left join pg_policy p on d.classid = 'pg_policy'::regclass and p.oid = d.objid
            join pg_class c on c.oid = coalesce(p.polrelid, r.ev_class)
            join pg_namespace n on n.oid = c.relnamespace
            where d.deptype = 'n' and (r.oid is not null or p.oid is not null)
            order by 1, 2, 3 desc, 5, 6, 4
            """;

    private ReaderQuery() {
    }

    /** The readers of each column, keyed by the table's oid, then by the column's name. */
    static Map<Long, Map<String, List<String>>> read(CatalogScope scope) throws SQLException {
        Map<Long, Map<String, List<String>>> readers = new HashMap<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                readers.computeIfAbsent(rows.getLong(1), oid -> new HashMap<>())
                        .computeIfAbsent(rows.getString(2), column -> new ArrayList<>()).add(reader(scope, rows));
            }
        }
        return readers;
    }

    /**
     * {@code view active_users}, {@code materialized view reports.totals}, {@code policy own_rows on users} or
     * {@code rule keep on audit}: named as the model names tables, without the default schema.
     */
    private static String reader(CatalogScope scope, ResultSet rows) throws SQLException {
        String kind = rows.getString(3);
        String relation = scope.name(rows.getString(5), rows.getString(6)).toString();
        return kind.equals("policy") || kind.equals("rule") ? kind + " " + rows.getString(4) + " on " + relation
                : kind + " " + relation;
    }
}
