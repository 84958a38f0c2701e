package dev.retort.introspect.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads which of the requested schemas exist, leaving out {@code public} and the default schema, which the model takes
 * for granted.
 */
final class SchemaQuery {
    private static final String SQL = """
            select n.nspname
            from pg_namespace n
            where n.nspname = any (?)
              and n.nspname <> 'public'
            order by n.nspname
            """;

    private SchemaQuery() {
    }

    static List<String> read(CatalogScope scope) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (!rows.getString(1).equals(scope.defaultSchema())) {
                    schemas.add(rows.getString(1));
                }
            }
        }
        return schemas;
    }
}
