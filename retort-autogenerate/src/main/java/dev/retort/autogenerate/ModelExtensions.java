package dev.retort.autogenerate;

import dev.retort.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells the extensions of a dev database that belong to the model from those the database just happens to have.
 *
 * <p>A model's extensions are those its DDL creates (a schema file's {@code CREATE EXTENSION}) and those its
 * objects use: a column of an extension's type or an array of it, a default or check calling an extension's
 * function, an index with an extension's operator class. The second kind is how a JPA model, which cannot declare an
 * extension, gets one: its {@code columnDefinition = "citext"} works because the database at {@code dev_url} has
 * citext, and a migration must create it too. Other extensions of that database are none of the model's business.
 */
final class ModelExtensions {
    /**
     * Extensions that a relation (a table or index), a default or a constraint outside any extension depends on,
     * directly or through an array of the extension's type (an array type is not recorded as a member of its
     * element's extension). Only those kinds of object: an extension's own operator classes, say, are not members
     * themselves but depend on its functions.
     */
    private static final String USED = """
            with used as (
                select d.refclassid as classid, d.refobjid as objid
                from pg_depend d
                where d.deptype in ('n', 'a')
                  and d.classid in ('pg_class'::regclass, 'pg_attrdef'::regclass, 'pg_constraint'::regclass)
                  and not exists (select 1 from pg_depend x
                                  where x.classid = d.classid and x.objid = d.objid and x.deptype = 'e')
            ), referenced as (
                select classid, objid from used
                union
                select 'pg_type'::regclass::oid, t.typelem
                from used u join pg_type t on t.oid = u.objid
                where u.classid = 'pg_type'::regclass::oid and t.typelem <> 0
            )
            select distinct e.extname
            from referenced r
            join pg_depend m on m.classid = r.classid and m.objid = r.objid and m.deptype = 'e'
            join pg_extension e on e.oid = m.refobjid
            """;

    private ModelExtensions() {
    }

    /** The names of the extensions {@code db} has now. */
    static Set<String> installed(Connection db) throws SQLException {
        return names(db, "select extname from pg_extension");
    }

    /**
     * {@code schema}, read from {@code db} after the model's DDL ran there, with only the model's extensions: those
     * that were not {@code installedBefore} it ran, and those the model's objects use.
     */
    static DatabaseSchema keep(DatabaseSchema schema, Connection db, Set<String> installedBefore) throws SQLException {
        Set<String> used = names(db, USED);
        return schema.withExtensions(schema.extensions().stream()
                .filter(e -> !installedBefore.contains(e.name()) || used.contains(e.name()))
                .toList());
    }

    private static Set<String> names(Connection db, String sql) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
