package dev.retort.introspect.postgres;

import dev.retort.schema.EnumType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the enum types in scope with their labels in sort order, leaving out those an extension created. */
final class EnumQuery {
    // enumsortorder, not the oid: a value added with ADD VALUE ... BEFORE sorts before older ones.
    private static final String SQL = """
            select n.nspname, t.typname,
                   array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)
            from pg_type t
            join pg_namespace n on n.oid = t.typnamespace
            where t.typtype = 'e'
              and n.nspname = any (?)
              and not exists (select 1 from pg_depend x
                              where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
            """;

    private EnumQuery() {
    }

    static List<EnumType> read(CatalogScope scope) throws SQLException {
        List<EnumType> enums = new ArrayList<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                enums.add(new EnumType(scope.name(rows.getString(1), rows.getString(2)),
                        Arrays.asList((String[]) rows.getArray(3).getArray())));
            }
        }
        return enums;
    }
}
