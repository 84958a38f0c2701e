package dev.retort.introspect.postgres;

import dev.retort.schema.Extension;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the extensions installed in the database, whatever schema holds them: an extension's name is unique in
 * the database, and a model's tables may use the types of one that lives outside the schemas compared.
 * {@code plpgsql} is left out, as every database has it.
 */
final class ExtensionQuery {
    private static final String SQL = """
            select e.extname, n.nspname
            from pg_extension e
            join pg_namespace n on n.oid = e.extnamespace
            where e.extname <> 'plpgsql'
            """;

    private ExtensionQuery() {
    }

    static List<Extension> read(CatalogScope scope) throws SQLException {
        List<Extension> extensions = new ArrayList<>();
        try (Statement statement = scope.connection().createStatement(); ResultSet rows = statement.executeQuery(SQL)) {
            while (rows.next()) {
                String schema = rows.getString(2);
                extensions.add(new Extension(rows.getString(1),
                        CatalogScope.DEFAULT_SCHEMA.equals(schema) ? null : schema));
            }
        }
        return extensions;
    }
}
