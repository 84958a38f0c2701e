package dev.retort.introspect.postgres;

import dev.retort.schema.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads which views, materialized views, rules, row-level security policies, triggers, functions and foreign keys use
 * each column of the tables in scope: PostgreSQL refuses to retype such a column ("cannot alter type of a column used
 * by a view or rule", "... used in a policy definition", "... used in a trigger definition", "... used by a function
 * or procedure") and to drop it without CASCADE, so autogenerate names them where it plans either.
 *
 * <p>One query over {@code pg_depend}: a view's or materialized view's query is a rule ({@code pg_rewrite}) that
 * depends on each column it reads, a policy ({@code pg_policy}, PostgreSQL 9.5 on) on each column of its expressions,
 * a trigger ({@code pg_trigger}) on those of its {@code WHEN} and {@code UPDATE OF}, a function with a SQL-standard
 * body ({@code BEGIN ATOMIC}, PostgreSQL 14 on) on those its body reads, and a foreign key on the columns it
 * references. A rule on a table ({@code CREATE RULE}) is named as such.
 *
 * <p>PostgreSQL records nothing of the columns a trigger's function reads ({@code NEW.note} in PL/pgSQL), which then
 * fails on each row once the column is gone: a trigger of the table is named under each column its function's body
 * or its arguments name (as a word, in any case), as one that {@linkplain Table#MAY_USE may use it}; under every
 * column where its body cannot be read (a language other than PL/pgSQL and SQL) or the column's name is one a word
 * match could miss. A body that names no column ({@code row_to_json(NEW)}) fails on none.
 */
final class ReaderQuery {
    // Normal dependencies ('n') only, on a column (refobjsubid > 0): a policy's own table is an automatic one, on the
    // whole table, and goes with the table; the columns of its table that it reads are normal, and block a drop. So
    // are the referenced columns of a foreign key, and the columns a trigger's WHEN or a function's body reads.
    // Columns: the table, the column, the kind, the object's name, its table's (or function's) schema and table,
    // and a function's argument types.
    private static final String SQL = CatalogScope.SCOPED_TABLES + """
            , dependent as (
                select t.oid, a.attname, d.classid, d.objid
                from scoped_table t
                join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = t.oid
                                and d.refobjsubid > 0 and d.deptype = 'n'
                join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
            )
            select e.oid, e.attname,
                   case when e.classid = 'pg_policy'::regclass then 'policy'
                        when c.relkind = 'v' then 'view'
                        when c.relkind = 'm' then 'materialized view'
                        else 'rule' end,
                   coalesce(p.polname, r.rulename), n.nspname, c.relname, null
            from dependent e
            left join pg_rewrite r on e.classid = 'pg_rewrite'::regclass and r.oid = e.objid
            left join pg_policy p on e.classid = 'pg_policy'::regclass and p.oid = e.objid
            join pg_class c on c.oid = coalesce(p.polrelid, r.ev_class)
            join pg_namespace n on n.oid = c.relnamespace
            where r.oid is not null or p.oid is not null
            union
            select e.oid, e.attname, 'trigger', g.tgname, n.nspname, c.relname, null
            from dependent e
            join pg_trigger g on e.classid = 'pg_trigger'::regclass and g.oid = e.objid and not g.tgisinternal
            join pg_class c on c.oid = g.tgrelid
            join pg_namespace n on n.oid = c.relnamespace
            union
            select e.oid, e.attname, case when f.prokind = 'p' then 'procedure' else 'function' end, f.proname,
                   n.nspname, null, oidvectortypes(f.proargtypes)
            from dependent e
            join pg_proc f on e.classid = 'pg_proc'::regclass and f.oid = e.objid
            join pg_namespace n on n.oid = f.pronamespace
            union
            select e.oid, e.attname, 'foreign key', k.conname, n.nspname, c.relname, null
            from dependent e
            join pg_constraint k on e.classid = 'pg_constraint'::regclass and k.oid = e.objid and k.contype = 'f'
            join pg_class c on c.oid = k.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            union
            select t.oid, a.attname, 'trigger of the table', g.tgname, t.nspname, t.relname, null
            from scoped_table t
            join pg_trigger g on g.tgrelid = t.oid and not g.tgisinternal
            join pg_proc f on f.oid = g.tgfoid
            join pg_language l on l.oid = f.prolang
            join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
            where l.lanname not in ('plpgsql', 'sql') or a.attname !~ '^[a-z_][a-z0-9_]*$'
               or f.prosrc ~* ('(^|[^a-z0-9_$])' || a.attname || '($|[^a-z0-9_$])')
               or encode(g.tgargs, 'escape') ~* ('(^|[^a-z0-9_$])' || a.attname || '($|[^a-z0-9_$])')
            order by 1, 2, 3 desc, 5, 6, 4
            """;

    private ReaderQuery() {
    }

    /**
     * The readers of each column, keyed by the table's oid, then by the column's name. A trigger that uses the column
     * is named once, as such; the table's other triggers after the others, as ones that may use it.
     */
    static Map<Long, Map<String, List<String>>> read(CatalogScope scope) throws SQLException {
        Map<Long, Map<String, List<String>>> readers = new HashMap<>();
        Map<Long, Map<String, List<String>>> mayUse = new HashMap<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                (rows.getString(3).equals("trigger of the table") ? mayUse : readers)
                        .computeIfAbsent(rows.getLong(1), oid -> new HashMap<>())
                        .computeIfAbsent(rows.getString(2), column -> new ArrayList<>()).add(reader(scope, rows));
            }
        }
        mayUse.forEach((table, columns) -> columns.forEach((column, triggers) -> {
            List<String> uses = readers.computeIfAbsent(table, oid -> new HashMap<>())
                    .computeIfAbsent(column, name -> new ArrayList<>());
            triggers.stream().filter(trigger -> !uses.contains(trigger)).map(trigger -> trigger + Table.MAY_USE)
                    .forEach(uses::add);
        }));
        return readers;
    }

    /**
     * {@code view active_users}, {@code materialized view reports.totals}, {@code policy own_rows on users},
     * {@code rule keep on audit}, {@code trigger stamp on orders}, {@code function note_length(orders)} or
     * {@code foreign key legacy_notes_order_id_fkey of table legacy_notes}: named as the model names tables, without
     * the default schema.
     */
    private static String reader(CatalogScope scope, ResultSet rows) throws SQLException {
        String kind = rows.getString(3);
        String name = rows.getString(4);
        if (kind.equals("function") || kind.equals("procedure")) {
            return kind + " " + scope.name(rows.getString(5), name) + "(" + rows.getString(7) + ")";
        }
        String relation = scope.name(rows.getString(5), rows.getString(6)).toString();
        return switch (kind) {
            case "policy", "rule", "trigger" -> kind + " " + name + " on " + relation;
            case "trigger of the table" -> "trigger " + name + " on " + relation;
            case "foreign key" -> kind + " " + name + " of table " + relation;
            default -> kind + " " + relation;
        };
    }
}
