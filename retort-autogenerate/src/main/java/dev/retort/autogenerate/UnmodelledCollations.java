package dev.retort.autogenerate;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses a model whose table uses a collation of its own ({@code CREATE COLLATION ci (provider = icu, ...)}), on a
 * column or on the key of an index ({@code CREATE INDEX ... (name COLLATE ci)}).
 *
 * <p>Retort models no collations: a column's or an index key's collation is read by name, so the migration would not
 * create it, and the comparison fails first, when the dev database builds the schema a second time from what it read
 * (see {@link ScratchDatabase#normalize}), with PostgreSQL's "collation ... does not exist", which blames a valid
 * model. This names the column or the index and the collation instead. Collations an extension creates are left
 * alone.
 */
final class UnmodelledCollations {
    /** The collations of the model's own, without those of an extension. */
    private static final String OWN_COLLATIONS = """
            own_collation as (
                select coll.oid, case when cn.nspname = 'public' then '' else cn.nspname || '.' end
                                 || coll.collname as name
                from pg_collation coll
                join pg_namespace cn on cn.oid = coll.collnamespace
                where cn.nspname not like 'pg\\_%' and cn.nspname <> 'information_schema'
                  and not exists (select 1 from pg_depend d where d.classid = 'pg_collation'::regclass
                                  and d.objid = coll.oid and d.deptype = 'e')),
            model_table as (
                select c.oid, case when n.nspname = 'public' then '' else n.nspname || '.' end || c.relname as name
                from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p')
                  and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema')
            """;
    private static final String COLUMNS = "with " + OWN_COLLATIONS + """
            select t.name, a.attname, coll.name
            from pg_attribute a
            join model_table t on t.oid = a.attrelid
            join own_collation coll on coll.oid = a.attcollation
            where a.attnum > 0 and not a.attisdropped
            order by t.name, a.attnum
            limit 1""";
    // A key's collation differs from its column's only where the index says COLLATE: a column of the collation is
    // refused above, before this. pg_get_indexdef(oid, k, true) prints the key alone: a column's name or an expression.
    private static final String INDEX_KEYS = "with " + OWN_COLLATIONS + """
            select t.name, ic.relname, pg_get_indexdef(i.indexrelid, k.position, true), coll.name
            from pg_index i
            join model_table t on t.oid = i.indrelid
            join pg_class ic on ic.oid = i.indexrelid
            cross join lateral generate_series(1, i.indnkeyatts) as k(position)
            join own_collation coll on coll.oid = i.indcollation[k.position - 1]
            order by t.name, ic.relname, k.position
            limit 1""";
    static final String WHY = ", which the model creates; Retort does not model collations of a model's own "
            + "(CREATE COLLATION), so a migration could not create it. ";
    static final String INSTEAD = " a collation PostgreSQL provides (\"C\", an ICU one such as "
            + "\"und-x-icu\"), or leave the table out with exclude_tables in [models] and write its migrations, the "
            + "collation's too, by hand.";

    private UnmodelledCollations() {
    }

    /** Throws if a table of the model, as {@code dev} holds it now, has a column or index key of such a collation. */
    static void refuse(Connection dev, String origin) throws SQLException {
        try (Statement s = dev.createStatement()) {
            try (ResultSet rs = s.executeQuery(COLUMNS)) {
                if (rs.next()) {
                    throw new RetortException(origin + ": column " + rs.getString(1) + "." + rs.getString(2)
                            + " has collation " + rs.getString(3) + WHY + "Give the column" + INSTEAD);
                }
            }
            try (ResultSet rs = s.executeQuery(INDEX_KEYS)) {
                if (rs.next()) {
                    throw new RetortException(origin + ": index " + rs.getString(2) + " on " + rs.getString(1)
                            + " has collation " + rs.getString(4) + " on its key " + rs.getString(3) + WHY
                            + "Give the key" + INSTEAD);
                }
            }
        }
    }
}
