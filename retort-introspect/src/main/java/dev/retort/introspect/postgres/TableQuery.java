package dev.retort.introspect.postgres;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.TableSettings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the tables in scope with their comments. */
final class TableQuery {
    /**
     * The policies, triggers and grants of table {@code t} ({@code c} its {@code pg_class} row), each named and with
     * the statement that creates it again, null for a trigger an extension owns (creating the extension makes it)
     * and for one disabled or set to fire only on a replica or always, which its definition does not say.
     * Grants are grouped by grantee and grant option, column grants by privilege too, whoever granted them (a
     * privilege held both plainly and with grant option counts once, with it); the owner's are its own. A grantee
     * holding every privilege the server has is granted {@code ALL}, not a list an older server may not know
     * ({@code MAINTAIN}, new in PostgreSQL 17). So are the grants on the sequences the table's columns own
     * ({@code serial}): those go with it too, and an insert needs them.
     */
    private static final String ATTACHED = """
            select 'policy ' || p.polname as name,
                   'CREATE POLICY ' || quote_ident(p.polname) || ' ON ' || t.oid::regclass::text
                       || ' AS ' || case when p.polpermissive then 'PERMISSIVE' else 'RESTRICTIVE' end
                       || ' FOR ' || case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT'
                                         when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end
                       || ' TO ' || (select string_agg(case r.oid when 0 then 'PUBLIC'
                                                           else quote_ident(pg_get_userbyid(r.oid)) end,
                                                       ', ' order by r.n)
                                     from unnest(p.polroles) with ordinality as r(oid, n))
                       || coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')
                       || coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')
                       as definition
            from pg_policy p where p.polrelid = t.oid
            union all
            select 'trigger ' || g.tgname,
                   case when g.tgenabled = 'O'
                             and not exists (select from pg_depend d where d.classid = 'pg_trigger'::regclass
                                             and d.objid = g.oid and d.deptype = 'e')
                        then pg_get_triggerdef(g.oid, true) end
            from pg_trigger g where g.tgrelid = t.oid and not g.tgisinternal
            union all
            select 'grant ' || g.privileges || g.on_sequence
                       || case when g.is_grantable then ' with grant option' else '' end
                       || ' to ' || case g.grantee when 0 then 'public' else pg_get_userbyid(g.grantee) end,
                   'GRANT ' || g.privileges || ' ON ' || g.target || ' TO '
                       || case g.grantee when 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(g.grantee)) end
                       || case when g.is_grantable then ' WITH GRANT OPTION' else '' end
            from (select a.grantee, a.is_grantable, '' as on_sequence, t.oid::regclass::text as target,
                         case when array_agg(a.privilege_type order by a.privilege_type)
                                   = (select array_agg(d.privilege_type order by d.privilege_type)
                                      from aclexplode(acldefault('r', c.relowner)) d)
                              then 'ALL' else string_agg(a.privilege_type, ', ' order by a.privilege_type)
                         end as privileges
                  from (select grantee, privilege_type, bool_or(is_grantable) as is_grantable
                        from aclexplode(c.relacl) group by grantee, privilege_type) a
                  where a.grantee <> c.relowner
                  group by a.grantee, a.is_grantable
                  union all
                  select a.grantee, a.is_grantable, '', t.oid::regclass::text,
                         a.privilege_type || ' (' || string_agg(quote_ident(f.attname), ', ' order by f.attname)
                             || ')'
                  from pg_attribute f
                  cross join lateral (select grantee, privilege_type, bool_or(is_grantable) as is_grantable
                                      from aclexplode(f.attacl) group by grantee, privilege_type) a
                  where f.attrelid = t.oid and f.attnum > 0 and not f.attisdropped and a.grantee <> c.relowner
                  group by a.grantee, a.is_grantable, a.privilege_type
                  union all
                  select a.grantee, a.is_grantable, ' on sequence ' || s.relname,
                         'SEQUENCE ' || s.oid::regclass::text,
                         case when array_agg(a.privilege_type order by a.privilege_type)
                                   = (select array_agg(d.privilege_type order by d.privilege_type)
                                      from aclexplode(acldefault('s', s.relowner)) d)
                              then 'ALL' else string_agg(a.privilege_type, ', ' order by a.privilege_type)
                         end
                  from pg_depend o
                  join pg_class s on s.oid = o.objid and s.relkind = 'S'
                  cross join lateral (select grantee, privilege_type, bool_or(is_grantable) as is_grantable
                                      from aclexplode(s.relacl) group by grantee, privilege_type) a
                  where o.classid = 'pg_class'::regclass and o.refclassid = 'pg_class'::regclass
                        and o.refobjid = t.oid and o.deptype = 'a' and a.grantee <> s.relowner
                  group by s.oid, s.relname, s.relowner, a.grantee, a.is_grantable) g
            """;

    // reloptions holds the storage parameters given to CREATE TABLE ... WITH or ALTER TABLE ... SET, as name=value
    // (fillfactor=70); those of the TOAST table (toast.autovacuum_enabled) are on its own pg_class row, not read.
    private static final String SQL = CatalogScope.SCOPED_TABLES + """
            select t.oid, t.nspname, t.relname, obj_description(t.oid, 'pg_class'),
                   case when c.relkind = 'p' then 'PARTITION BY ' || pg_get_partkeydef(t.oid)
                        when c.relispartition then 'PARTITION OF ' || (select i.inhparent::regclass::text
                                                                        from pg_inherits i where i.inhrelid = t.oid)
                   end,
                   array(select an.nspname::text
                         from pg_partition_ancestors(t.oid) with ordinality as p(relid, depth)
                         join pg_class ac on ac.oid = p.relid
                         join pg_namespace an on an.oid = ac.relnamespace
                         where p.relid <> t.oid order by p.depth),
                   array(select ac.relname::text
                         from pg_partition_ancestors(t.oid) with ordinality as p(relid, depth)
                         join pg_class ac on ac.oid = p.relid
                         where p.relid <> t.oid order by p.depth),
                   array(select pn.nspname::text from pg_inherits i
                         join pg_class pc on pc.oid = i.inhparent
                         join pg_namespace pn on pn.oid = pc.relnamespace
                         where i.inhrelid = t.oid and not c.relispartition order by i.inhseqno),
                   array(select pc.relname::text from pg_inherits i
                         join pg_class pc on pc.oid = i.inhparent
                         where i.inhrelid = t.oid and not c.relispartition order by i.inhseqno),
                   c.relpersistence = 'u', c.relrowsecurity, c.relforcerowsecurity,
                   case c.relreplident when 'f' then 'FULL' when 'n' then 'NOTHING'
                        when 'i' then 'USING INDEX ' || coalesce((select quote_ident(ic.relname) from pg_index x
                                                          join pg_class ic on ic.oid = x.indexrelid
                                                          where x.indrelid = t.oid and x.indisreplident), '?')
                        else 'DEFAULT'
                   end,
                   coalesce(att.names, '{}'), coalesce(att.definitions, '{}'), c.reloptions
            from scoped_table t
            join pg_class c on c.oid = t.oid
            cross join lateral (select array_agg(a.name order by a.name) as names,
                                       array_agg(a.definition order by a.name) as definitions
                                from (%s) a) att
            order by t.nspname, t.relname
            """.formatted(ATTACHED);

    /**
     * A table's catalog identity, name and comment; the other queries key their rows by {@code oid}.
     *
     * @param partitioning {@code PARTITION BY ...} for a partitioned table, {@code PARTITION OF parent} for a
     *     partition, null for a plain table: the model has no place for it (see {@link PartitionedTableException})
     * @param ancestors the tables a partition belongs to, its parent first and the root of its tree last; empty for
     *     a table that is no partition. Excluding a partitioned table excludes its partitions through them.
     * @param inherits the tables this one inherits from ({@code INHERITS}, not partitioning), in declaration order
     * @param settings whether it is unlogged, its row-level security, its replica identity, its policies,
     *     triggers and grants, and its storage parameters
     */
    record Row(long oid, QualifiedName name, String comment, String partitioning, List<QualifiedName> ancestors,
            List<QualifiedName> inherits, TableSettings settings) {
        Row {
            ancestors = List.copyOf(ancestors);
            inherits = List.copyOf(inherits);
        }

        /** The partitioned table at the top of this partition's tree, or this table itself. */
        QualifiedName root() {
            return ancestors.isEmpty() ? name : ancestors.get(ancestors.size() - 1);
        }
    }

    private TableQuery() {
    }

    static List<Row> read(CatalogScope scope) throws SQLException {
        List<Row> tables = new ArrayList<>();
        // The statements of policies, triggers and grants run in a migration's session, whose path a tenant's is
        // alone (?currentSchema=tenant_a): read with it, they name what lies in public (a shared trigger function)
        // with its schema.
        try (PinnedSearchPath sessions = scope.defaultSchema().equals(CatalogScope.DEFAULT_SCHEMA) ? null
                : PinnedSearchPath.alone(scope.connection(), scope.defaultSchema());
             PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new Row(rows.getLong(1), scope.name(rows.getString(2), rows.getString(3)),
                        rows.getString(4), rows.getString(5), names(scope, rows, 6), names(scope, rows, 8),
                        new TableSettings(rows.getBoolean(10), rows.getBoolean(11), rows.getBoolean(12),
                                rows.getString(13), List.of((String[]) rows.getArray(14).getArray()),
                                definitions(rows), IndexQuery.storage(rows.getArray(16)))));
            }
        }
        return tables;
    }

    /** The statements of column 15 by the names of column 14, leaving out those with none. */
    private static Map<String, String> definitions(ResultSet rows) throws SQLException {
        String[] names = (String[]) rows.getArray(14).getArray();
        String[] definitions = (String[]) rows.getArray(15).getArray();
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (definitions[i] != null) {
                byName.put(names[i], definitions[i]);
            }
        }
        return byName;
    }

    /** The tables named by the schema array in column {@code column} and the name array after it. */
    private static List<QualifiedName> names(CatalogScope scope, ResultSet rows, int column) throws SQLException {
        String[] schemas = (String[]) rows.getArray(column).getArray();
        String[] names = (String[]) rows.getArray(column + 1).getArray();
        List<QualifiedName> tables = new ArrayList<>();
        for (int i = 0; i < schemas.length; i++) {
            tables.add(scope.name(schemas[i], names[i]));
        }
        return tables;
    }
}
