package dev.retort.introspect.postgres;

import dev.retort.schema.Extension;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the extensions installed in the database, whatever schema holds them: an extension's name is unique in
 * the database, and a model's tables may use the types of one that lives outside the schemas compared.
 * {@code plpgsql} is left out, as every database has it. What each requires is read from the dependencies
 * {@code CREATE EXTENSION} recorded on the extensions it required, so a migration creates them in an order
 * PostgreSQL accepts. Not from {@code pg_available_extension_versions}: that view reads every control file of the
 * installation at each call (some milliseconds, on each of the many introspections of {@code retort test}), and
 * knows nothing of a version the installed release no longer ships. Whether it can move to another schema is its
 * own catalog row's; the types, operator classes and functions it owns are its members in {@code pg_depend}, so
 * that the columns, indexes, checks and defaults that use them can follow it when it moves. Only the functions whose
 * name no other function has count: a call to {@code replace(...)} may be citext's or {@code pg_catalog}'s, and
 * PostgreSQL prints either unqualified while citext is in {@code public}.
 */
final class ExtensionQuery {
    private static final String SQL = """
            select e.extname, n.nspname,
                   array(select r.extname from pg_depend d join pg_extension r on r.oid = d.refobjid
                         where d.classid = 'pg_extension'::regclass and d.objid = e.oid
                           and d.refclassid = 'pg_extension'::regclass
                         order by r.extname) as requires,
                   e.extrelocatable,
                   array(select t.typname from pg_depend d join pg_type t on t.oid = d.objid
                         where d.classid = 'pg_type'::regclass and d.refclassid = 'pg_extension'::regclass
                           and d.refobjid = e.oid and d.deptype = 'e'
                         order by t.typname),
                   array(select distinct c.opcname from pg_depend d join pg_opclass c on c.oid = d.objid
                         where d.classid = 'pg_opclass'::regclass and d.refclassid = 'pg_extension'::regclass
                           and d.refobjid = e.oid and d.deptype = 'e'
                         order by 1),
                   array(select distinct p.proname from pg_depend d join pg_proc p on p.oid = d.objid
                         where d.classid = 'pg_proc'::regclass and d.refclassid = 'pg_extension'::regclass
                           and d.refobjid = e.oid and d.deptype = 'e'
                           and not exists (select from pg_proc o where o.proname = p.proname
                                and not exists (select from pg_depend od
                                     where od.classid = 'pg_proc'::regclass and od.objid = o.oid
                                       and od.refclassid = 'pg_extension'::regclass and od.refobjid = e.oid
                                       and od.deptype = 'e'))
                         order by 1)
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
                Array requires = rows.getArray(3);
                extensions.add(new Extension(rows.getString(1),
                        CatalogScope.DEFAULT_SCHEMA.equals(schema) ? null : schema,
                        requires == null ? List.of() : List.of((String[]) requires.getArray()),
                        rows.getBoolean(4), List.of((String[]) rows.getArray(5).getArray()),
                        List.of((String[]) rows.getArray(6).getArray()),
                        List.of((String[]) rows.getArray(7).getArray())));
            }
        }
        return extensions;
    }
}
