package dev.retort.autogenerate;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses a model whose tables use a type of its own that Retort has no model of: a composite type (what Hibernate
 * writes for an {@code @Struct} embeddable), a domain, a range or a base type.
 *
 * <p>Retort models enum types only. Such a type is not read back, so it would be missing from the migration, and
 * the comparison itself fails when the dev database builds the schema a second time from what it read (see
 * {@link ScratchDatabase#normalize}), with a PostgreSQL error about a type that "does not exist". This names the
 * column and the kind of type instead. Types that an extension creates are left alone, as extensions are.
 */
final class UnmodelledTypes {
    private static final String QUERY = """
            select c.relname, tn.nspname, t.typname, t.typtype, n.nspname, a.attname
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid and c.relkind in ('r', 'p')
            join pg_namespace n on n.oid = c.relnamespace
            join pg_type declared on declared.oid = a.atttypid
            join pg_type t on t.oid = case when declared.typcategory = 'A' then declared.typelem else declared.oid end
            join pg_namespace tn on tn.oid = t.typnamespace
            where a.attnum > 0 and not a.attisdropped
              and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
              and tn.nspname not like 'pg\\_%' and tn.nspname <> 'information_schema'
              and t.typtype <> 'e'
              and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid
                              and d.deptype = 'e')
            order by n.nspname, c.relname, a.attnum
            limit 1""";

    private UnmodelledTypes() {
    }

    /** Throws if a table of the model, as {@code dev} holds it now, has a column of such a type. */
    static void refuse(Connection dev, String origin) throws SQLException {
        try (Statement s = dev.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            if (!rs.next()) {
                return;
            }
            String schema = rs.getString(5);
            String table = (schema.equals("public") ? "" : schema + ".") + rs.getString(1);
            String typeSchema = rs.getString(2);
            String type = (typeSchema.equals("public") ? "" : typeSchema + ".") + rs.getString(3);
            String kind = rs.getString(4);
            throw new RetortException(origin + ": column " + table + "." + rs.getString(6) + " has type " + type
                    + ", " + describe(kind) + "; Retort models tables, enum types and sequences but no such type, so "
                    + "a migration could not create it. " + advice(kind));
        }
    }

    private static String describe(String kind) {
        return switch (kind) {
            case "c" -> "a composite type (Hibernate writes one for an @Struct embeddable)";
            case "d" -> "a domain";
            case "r", "m" -> "a range type";
            default -> "a type of the model's own";
        };
    }

    private static String advice(String kind) {
        return switch (kind) {
            case "c" -> "Map the embeddable without @Struct, so that its fields become columns of the table.";
            case "d" -> "Give the column the domain's base type, and its constraint as a check constraint.";
            default -> "Give the column a built-in type, or a type an extension provides.";
        };
    }
}
