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
            select t.oid, t.nspname, t.relname, obj_description(t.oid, 'pg_class')
            from scoped_table t
            order by t.nspname, t.relname
            """;

    /** A table's catalog identity, name and comment; the other queries key their rows by {@code oid}. */
    record Row(long oid, QualifiedName name, String comment) {
    }

    private TableQuery() {
    }

    static List<Row> read(CatalogScope scope) throws SQLException {
        List<Row> tables = new ArrayList<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new Row(rows.getLong(1), CatalogScope.name(rows.getString(2), rows.getString(3)),
                        rows.getString(4)));
            }
        }
        return tables;
    }
}
