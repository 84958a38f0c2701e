package dev.retort.autogenerate;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds the schemas that the database has and the model lacks, but that hold something the comparison leaves alone:
 * tables {@code exclude_tables} names (and their partitions and children), views, functions, types other than enums,
 * and the like. Such a schema is not the model's to drop: {@code DROP SCHEMA} would fail on what it holds, or, with
 * {@code CASCADE}, take the excluded tables along. The comparison leaves it alone too.
 *
 * <p>What the comparison reads (tables, enum types, sequences) and would drop with the schema does not count, nor do
 * the sequences of its tables, nor what an extension created, which goes with the extension.
 */
final class SchemasInUse {
    private static final String QUERY = """
            select n.nspname, c.relname, case when c.relkind in ('r', 'p') then 'table'
                                              when c.relkind = 'S' then 'sequence' else 'other' end,
                   own.nspname, o.relname
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_depend d on c.relkind = 'S' and d.classid = 'pg_class'::regclass and d.objid = c.oid
                                 and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
            left join pg_class o on o.oid = d.refobjid
            left join pg_namespace own on own.oid = o.relnamespace
            where n.nspname = any (?) and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S', 'c')
              and not exists (select 1 from pg_depend e
                              where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
            union all
            select n.nspname, t.typname, case when t.typtype = 'e' then 'enum' else 'other' end, null, null
            from pg_type t
            join pg_namespace n on n.oid = t.typnamespace
            where n.nspname = any (?) and t.typtype in ('b', 'd', 'e', 'r', 'p') and t.typcategory <> 'A'
              and not exists (select 1 from pg_depend e
                              where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')
            union all
            select n.nspname, o.name, 'other', null, null
            from (select pronamespace, proname::text, 'pg_proc'::regclass, oid from pg_proc
                  union all select collnamespace, collname::text, 'pg_collation'::regclass, oid from pg_collation
                  union all select oprnamespace, oprname::text, 'pg_operator'::regclass, oid from pg_operator
                  union all select opfnamespace, opfname::text, 'pg_opfamily'::regclass, oid from pg_opfamily
                  union all select connamespace, conname::text, 'pg_conversion'::regclass, oid from pg_conversion
                  union all select cfgnamespace, cfgname::text, 'pg_ts_config'::regclass, oid from pg_ts_config
                  union all select dictnamespace, dictname::text, 'pg_ts_dict'::regclass, oid from pg_ts_dict)
                 as o(namespace, name, catalog, oid)
            join pg_namespace n on n.oid = o.namespace
            where n.nspname = any (?)
              and not exists (select 1 from pg_depend e
                              where e.classid = o.catalog and e.objid = o.oid and e.deptype = 'e')
            """;

    private SchemasInUse() {
    }

    /**
     * The schemas of {@code current} that {@code desired} lacks and that hold objects {@code current} does not
     * describe, in name order. {@code home} is the schema whose objects {@code current} names without a schema.
     */
    static Set<String> of(Connection target, DatabaseSchema current, DatabaseSchema desired, String home)
            throws SQLException {
        List<String> dropped = current.schemas().stream().filter(s -> !desired.schemas().contains(s)).toList();
        Set<String> inUse = new TreeSet<>();
        if (dropped.isEmpty()) {
            return inUse;
        }
        Set<QualifiedName> tables = current.tables().stream().map(Table::name).collect(Collectors.toSet());
        Set<QualifiedName> sequences = current.sequences().stream().map(Sequence::name).collect(Collectors.toSet());
        Set<QualifiedName> enums = current.enums().stream().map(EnumType::name).collect(Collectors.toSet());
        try (PreparedStatement statement = target.prepareStatement(QUERY)) {
            for (int parameter = 1; parameter <= 3; parameter++) {
                statement.setArray(parameter, target.createArrayOf("text", dropped.toArray()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String schema = rows.getString(1);
                    QualifiedName name = QualifiedName.of(schema, rows.getString(2));
                    String ownerSchema = rows.getString(4);
                    QualifiedName owner = ownerSchema == null ? null
                            : QualifiedName.of(ownerSchema.equals(home) ? null : ownerSchema, rows.getString(5));
                    boolean compared = switch (rows.getString(3)) {
                        case "table" -> tables.contains(name);
                        // A serial or identity column's sequence is its table's.
                        case "sequence" -> owner != null ? tables.contains(owner) : sequences.contains(name);
                        case "enum" -> enums.contains(name);
                        default -> false;
                    };
                    if (!compared) {
                        inUse.add(schema);
                    }
                }
            }
        }
        return inUse;
    }
}
