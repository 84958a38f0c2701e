package dev.retort.introspect.postgres;

import dev.retort.operation.QualifiedName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the tables in scope with their comments. */
final class TableQuery {
    private static final String SQL = CatalogScope.SCOPED_TABLES + """
            select t.oid, t.nspname, t.relname, obj_description(t.oid, 'pg_class'),
                   case when c.relkind = 'p' then 'PARTITION BY ' || pg_get_partkeydef(t.oid)
                        when c.relispartition then 'PARTITION OF ' || (select i.inhparent::regclass::text
                                                                        from pg_inherits i where i.inhrelid = t.oid)
                   end
            from scoped_table t
            join pg_class c on c.oid = t.oid
            order by t.nspname, t.relname
            """;

    /**
     * A table's catalog identity, name and comment; the other queries key their rows by {@code oid}.
     *
     * @param partitioning {@code PARTITION BY ...} for a partitioned table, {@code PARTITION OF parent} for a
     *     partition, null for a plain table: the model has no place for it (see {@link PartitionedTableException})
     */
    record Row(long oid, QualifiedName name, String comment, String partitioning) {
    }

    private TableQuery() {
    }

    static List<Row> read(CatalogScope scope) throws SQLException {
        List<Row> tables = new ArrayList<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new Row(rows.getLong(1), scope.name(rows.getString(2), rows.getString(3)),
                        rows.getString(4), rows.getString(5)));
            }
        }
        return tables;
    }
}
