package dev.retort.introspect.postgres;

import dev.retort.operation.CastContext;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.Cast;
import dev.retort.schema.EnumType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the enum types in scope with their labels in sort order, and the {@code WITH INOUT} casts to and from them
 * (Hibernate's, from and to {@code varchar}), leaving out the types and casts an extension created.
 */
final class EnumQuery {
    private static final String SCOPED_ENUMS = """
            with scoped_enum as (
                select t.oid, n.nspname, t.typname
                from pg_type t
                join pg_namespace n on n.oid = t.typnamespace
                where t.typtype = 'e'
                  and n.nspname = any (?)
                  and not exists (select 1 from pg_depend x
                                  where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
            )
            """;
    // enumsortorder, not the oid: a value added with ADD VALUE ... BEFORE sorts before older ones.
    private static final String ENUMS = SCOPED_ENUMS + """
            select s.nspname, s.typname,
                   array(select e.enumlabel::text from pg_enum e where e.enumtypid = s.oid order by e.enumsortorder)
            from scoped_enum s
            """;
    // A cast between two of the types is kept with its source, so that it is created and dropped once.
    private static final String CASTS = SCOPED_ENUMS + """
            select s.nspname, s.typname, format_type(c.castsource, null), format_type(c.casttarget, null),
                   c.castcontext
            from pg_cast c
            join scoped_enum s on s.oid = c.castsource
                               or (s.oid = c.casttarget and c.castsource not in (select oid from scoped_enum))
            where c.castmethod = 'i'
              and not exists (select 1 from pg_depend x
                              where x.classid = 'pg_cast'::regclass and x.objid = c.oid and x.deptype = 'e')
            """;

    private EnumQuery() {
    }

    static List<EnumType> read(CatalogScope scope) throws SQLException {
        Map<QualifiedName, List<String>> values = new LinkedHashMap<>();
        try (PreparedStatement statement = scope.prepare(ENUMS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.put(scope.name(rows.getString(1), rows.getString(2)),
                        Arrays.asList((String[]) rows.getArray(3).getArray()));
            }
        }
        Map<QualifiedName, List<Cast>> casts = new HashMap<>();
        try (PreparedStatement statement = scope.prepare(CASTS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                casts.computeIfAbsent(scope.name(rows.getString(1), rows.getString(2)), k -> new ArrayList<>())
                        .add(new Cast(rows.getString(3), rows.getString(4), context(rows.getString(5))));
            }
        }
        List<EnumType> enums = new ArrayList<>();
        values.forEach((name, labels) -> enums.add(new EnumType(name, labels, casts.getOrDefault(name, List.of()))));
        return enums;
    }

    private static CastContext context(String code) {
        return switch (code) {
            case "i" -> CastContext.IMPLICIT;
            case "a" -> CastContext.ASSIGNMENT;
            default -> CastContext.EXPLICIT;
        };
    }
}
