package dev.retort.introspect.postgres;

import dev.retort.operation.IndexElement;
import dev.retort.operation.NullsOrder;
import dev.retort.schema.Index;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the indexes that no constraint owns, one row per index column, and assembles them.
 *
 * <p>An element carries its sort order, nulls order and operator class only where they differ from the
 * default, as {@code pg_get_indexdef()} prints them: {@code DESC} implies {@code NULLS FIRST}, and the
 * operator class shows only when it is not the access method's default for the key's type. A column key's collation
 * shows only when it is not the column's own ({@code a COLLATE "C"} on a column of the default collation); an
 * expression key's is not read.
 */
final class IndexQuery {
    // pg_get_indexdef(oid, k, true) prints the key alone (no opclass or order), exactly as in the index
    // definition. The default operator class follows PostgreSQL's GetDefaultOpClass(): among the method's
    // default classes, the one whose input type is the key's (base) type, else one the type coerces to
    // without conversion, preferring the category's preferred type. For an expression whose operator class
    // stores another type (opckeytype, as GIN's do), the index column records the storage type and not
    // the expression's, so there the class's own default flag decides.
    // Multiranges came with PostgreSQL 14: to_regtype() is null before, where a cast to regtype would fail.
    // indnullsnotdistinct came with PostgreSQL 15: read through to_jsonb(), which has no such key before. PostgreSQL
    // takes NULLS NOT DISTINCT on any index and keeps it, but it means something on a unique one only.
    // Indexes owned by primary-key, unique and exclusion constraints are implied by the constraint.
    // reloptions holds the storage parameters given to CREATE INDEX ... WITH or ALTER INDEX ... SET, as name=value
    // with the value as given (fillfactor=70, deduplicate_items=off); a parameter left at its default is not there.
    // (A foreign key's conindid names the referenced table's index, hence the conrelid condition.)
    private static final String SQL = CatalogScope.SCOPED_TABLES + """
            select i.indrelid, i.indexrelid, ic.relname, i.indisunique, am.amname, k.position, i.indnkeyatts,
                   a.attname,
                   case when a.attname is null then pg_get_indexdef(i.indexrelid, k.position, true) end,
                   case when opc.oid is not null
                         and not coalesce(case when a.attname is null and opc.opckeytype <> 0 then opc.opcdefault
                                               else opc.oid = default_class.oid end, false)
                        then case when pg_opclass_is_visible(opc.oid) then quote_ident(opc.opcname)
                                  else quote_ident(opcn.nspname) || '.' || quote_ident(opc.opcname) end
                   end,
                   coalesce(i.indoption[k.position - 1], 0),
                   pg_get_expr(i.indpred, i.indrelid),
                   i.indisunique and coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
                   case when a.attname is not null and i.indcollation[k.position - 1] <> a.attcollation
                        then co.collname end,
                   ic.reloptions
            from scoped_table t
            join pg_index i on i.indrelid = t.oid
            join pg_class ic on ic.oid = i.indexrelid
            join pg_am am on am.oid = ic.relam
            cross join lateral generate_series(1, i.indnatts) as k(position)
            left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k.position - 1]
            left join pg_attribute ia on ia.attrelid = i.indexrelid and ia.attnum = k.position
            left join pg_opclass opc on k.position <= i.indnkeyatts and opc.oid = i.indclass[k.position - 1]
            left join pg_namespace opcn on opcn.oid = opc.opcnamespace
            left join pg_collation co on k.position <= i.indnkeyatts and co.oid = i.indcollation[k.position - 1]
            left join lateral (
                select case when kt.typtype = 'd' then kt.typbasetype else kt.oid end as oid
                from pg_type kt
                where kt.oid = coalesce(a.atttypid, ia.atttypid)
            ) key_type on true
            left join lateral (
                select d.oid
                from pg_opclass d
                join pg_type dt on dt.oid = d.opcintype
                join pg_type kt on kt.oid = key_type.oid
                where d.opcmethod = am.oid and d.opcdefault
                  and (d.opcintype = kt.oid
                       or d.opcintype in ('"any"'::regtype, 'anyelement'::regtype)
                       or (d.opcintype = 'anyarray'::regtype and kt.typcategory = 'A')
                       or (d.opcintype = 'anyenum'::regtype and kt.typtype = 'e')
                       or (d.opcintype = 'anyrange'::regtype and kt.typtype = 'r')
                       or (d.opcintype = to_regtype('anymultirange') and kt.typtype = 'm')
                       or (d.opcintype = 'record'::regtype and kt.typtype = 'c')
                       or exists (select 1 from pg_cast c
                                  where c.castsource = kt.oid and c.casttarget = d.opcintype
                                    and c.castmethod = 'b' and c.castcontext = 'i'))
                order by d.opcintype = kt.oid desc, dt.typispreferred desc
                limit 1
            ) default_class on true
            where not exists (select 1 from pg_constraint c
                              where c.conindid = i.indexrelid and c.conrelid = i.indrelid
                                and c.contype in ('p', 'u', 'x'))
            order by i.indrelid, i.indexrelid, k.position
            """;

    /** {@code indoption} bits, from PostgreSQL's {@code pg_index.h}. */
    private static final int DESC = 1;
    private static final int NULLS_FIRST = 2;

    private IndexQuery() {
    }

    /** The indexes of each table, keyed by the table's oid. */
    static Map<Long, List<Index>> read(CatalogScope scope) throws SQLException {
        Map<Long, List<Index>> indexes = new HashMap<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            // Rows come one per index column, an index's rows together and in column order.
            boolean more = rows.next();
            while (more) {
                long table = rows.getLong(1);
                long index = rows.getLong(2);
                String name = rows.getString(3);
                boolean unique = rows.getBoolean(4);
                String method = rows.getString(5);
                String predicate = rows.getString(12);
                boolean nullsNotDistinct = rows.getBoolean(13);
                Map<String, String> storage = storage(rows.getArray(15));
                List<IndexElement> elements = new ArrayList<>();
                List<String> include = new ArrayList<>();
                do {
                    if (rows.getInt(6) <= rows.getInt(7)) {
                        elements.add(element(rows));
                    } else {
                        include.add(rows.getString(8));
                    }
                    more = rows.next();
                } while (more && rows.getLong(2) == index);
                indexes.computeIfAbsent(table, oid -> new ArrayList<>())
                        .add(new Index(name, unique, nullsNotDistinct, method, elements, include, predicate, storage));
            }
        }
        return indexes;
    }

    /** {@code reloptions}' {@code name=value} entries by name; a value may hold {@code =} itself. */
    static Map<String, String> storage(Array options) throws SQLException {
        Map<String, String> storage = new TreeMap<>();
        if (options != null) {
            for (Object option : (Object[]) options.getArray()) {
                String entry = (String) option;
                int equals = entry.indexOf('=');
                storage.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return storage;
    }

    private static IndexElement element(ResultSet rows) throws SQLException {
        String column = rows.getString(8);
        int options = rows.getInt(11);
        boolean descending = (options & DESC) != 0;
        boolean nullsFirst = (options & NULLS_FIRST) != 0;
        NullsOrder nulls = descending == nullsFirst ? NullsOrder.DEFAULT
                : nullsFirst ? NullsOrder.FIRST : NullsOrder.LAST;
        return new IndexElement(column, column == null ? rows.getString(9) : null, rows.getString(10),
                descending, nulls, rows.getString(14));
    }
}
