package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses a model table whose name a view, a materialized view or a foreign table holds in the database.
 *
 * <p>Retort compares tables only, so such a table looks new, and the migration that creates it fails on "relation
 * already exists". The usual cause is a JPA entity mapped onto a view ({@code @Immutable} with {@code @Table}): to
 * Hibernate, as to Retort, that is a table. This names it when the comparison is made instead.
 */
final class ViewsInTheWay {
    private static final String QUERY = """
            select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('v', 'm', 'f')
              and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'""";

    private ViewsInTheWay() {
    }

    /**
     * Throws if a table of {@code desired} that {@code current} lacks is the name of a view in {@code target}. A
     * table without a schema is in {@code public}, as introspection names it.
     */
    static void refuse(Connection target, DatabaseSchema current, DatabaseSchema desired, ModelDdl model)
            throws SQLException {
        Map<QualifiedName, String> views = new HashMap<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                views.put(QualifiedName.of(schema.equals("public") ? null : schema, rs.getString(2)), rs.getString(3));
            }
        }
        Set<QualifiedName> tables = current.tables().stream().map(Table::name).collect(Collectors.toSet());
        for (Table table : desired.tables()) {
            if (!tables.contains(table.name()) && views.containsKey(table.name())) {
                throw refusal(table.name(), views.get(table.name()), model);
            }
        }
    }

    private static RetortException refusal(QualifiedName name, String kind, ModelDdl model) {
        String what = switch (kind) {
            case "m" -> "a materialized view";
            case "f" -> "a foreign table";
            default -> "a view";
        };
        String owner = model.owners().get(name.toString());
        String advice = owner == null
                ? "Leave it out of the model, or list it in exclude_tables in [models]."
                : "An entity mapped onto a view (@Immutable with @Table) is a table to Hibernate too: list "
                        + name + " in exclude_tables in [models] and create the view in a migration you write, or "
                        + "map the entity with @Subselect, for which no table is made.";
        return new RetortException(name + " is " + what + " in the database, but a table in the model ("
                + (owner == null ? model.origin() : owner) + "); Retort compares tables only, and a migration that "
                + "creates the table would fail. " + advice);
    }
}
