package dev.retort.autogenerate;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses a model whose table uses a collation of its own ({@code CREATE COLLATION ci (provider = icu, ...)}).
 *
 * <p>Retort models no collations: a column's collation is read by name, so the migration would not create it,
 * and the comparison fails first, when the dev database builds the schema a second time from what it read (see
 * {@link ScratchDatabase#normalize}), with PostgreSQL's "collation ... does not exist", which blames a valid model.
 * This names the column and the collation instead. Collations an extension creates are left alone.
 */
final class UnmodelledCollations {
    private static final String QUERY = """
            select n.nspname, c.relname, a.attname, cn.nspname, coll.collname
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid and c.relkind in ('r', 'p')
            join pg_namespace n on n.oid = c.relnamespace
            join pg_collation coll on coll.oid = a.attcollation
            join pg_namespace cn on cn.oid = coll.collnamespace
            where a.attnum > 0 and not a.attisdropped
              and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
              and cn.nspname not like 'pg\\_%' and cn.nspname <> 'information_schema'
              and not exists (select 1 from pg_depend d where d.classid = 'pg_collation'::regclass
                              and d.objid = coll.oid and d.deptype = 'e')
            order by n.nspname, c.relname, a.attnum
            limit 1""";

    private UnmodelledCollations() {
    }

    /** Throws if a table of the model, as {@code dev} holds it now, has a column of such a collation. */
    static void refuse(Connection dev, String origin) throws SQLException {
        try (Statement s = dev.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            if (!rs.next()) {
                return;
            }
            String table = (rs.getString(1).equals("public") ? "" : rs.getString(1) + ".") + rs.getString(2);
            String collation = (rs.getString(4).equals("public") ? "" : rs.getString(4) + ".") + rs.getString(5);
            throw new RetortException(origin + ": column " + table + "." + rs.getString(3) + " has collation "
                    + collation + ", which the model creates; Retort does not model collations of a model's own "
                    + "(CREATE COLLATION), so a migration could not create it. Give the column a collation "
                    + "PostgreSQL provides (\"C\", an ICU one such as \"und-x-icu\"), or leave the table out with "
                    + "exclude_tables in [models] and write its migrations, the collation's too, by hand.");
        }
    }
}
