package dev.retort.introspect.postgres;

import dev.retort.operation.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The connection and the schemas that every catalog query reads.
 *
 * <p>Each query takes the schema list as its only parameter, a {@code text[]} bound to the one {@code ?}
 * in its SQL, so the number of queries never depends on the number of schemas or tables.
 *
 * @param schemas the schemas to read, never a system schema
 * @param defaultSchema the schema whose objects the model names without a schema: {@code public}, or the one a
 *     connection's search path makes the home of unqualified names (a tenant's)
 */
record CatalogScope(Connection connection, List<String> schemas, String defaultSchema) {
    /** The schema whose names Retort's model leaves unqualified, unless a connection makes another one its home. */
    static final String DEFAULT_SCHEMA = "public";

    /**
     * A {@code WITH} clause naming the tables in scope: ordinary and partitioned tables in the requested schemas,
     * except those an extension created (they come and go with the extension, not with migrations).
     */
    static final String SCOPED_TABLES = """
            with scoped_table as (
                select c.oid, n.nspname, c.relname
                from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p')
                  and n.nspname = any (?)
                  and not exists (select 1 from pg_depend e
                                  where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
            )
            """;

    CatalogScope {
        schemas = List.copyOf(schemas);
    }

    /** Prepares {@code sql} and binds its one parameter to the schema list. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** The model's name for an object: objects in the default schema carry no schema, others their own. */
    QualifiedName name(String schema, String name) {
        return QualifiedName.of(defaultSchema.equals(schema) ? null : schema, name);
    }
}
