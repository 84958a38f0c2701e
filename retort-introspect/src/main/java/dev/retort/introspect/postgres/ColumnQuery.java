package dev.retort.introspect.postgres;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.Identity;
import dev.retort.operation.SequenceOptions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the columns of every table in scope, in their catalog order.
 *
 * <p>Types are {@code format_type()}'s spelling ({@code character varying(20)}, {@code integer[]}) and
 * defaults {@code pg_get_expr()}'s, so two columns declared with different spellings of the same thing
 * read the same. The primary-key and unique flags stay false: the table's constraints carry them.
 */
final class ColumnQuery {
    // A collation is reported only when it differs from the type's own (attcollation <> typcollation),
    // so a text column without COLLATE reads the same on databases with different default collations.
    // attnotnull is true for a NOT NULL added NOT VALID as well (PostgreSQL 18, contype 'n' in pg_constraint, whose
    // convalidated is false until VALIDATE CONSTRAINT): its name is read, for the migration that validates it. 12
    // to 17 have no such constraints, and the subquery finds none there.
    // Six fractional digits are all that time and timestamp columns hold, so (6) is the same type as none:
    // Hibernate 6 writes timestamp(6), a database made by hand or by Hibernate 5 has timestamp, and changing one
    // into the other rewrites nothing. Both read as the plain type, so that neither is taken for a change.
    // An identity column's sequence depends on it with deptype 'i'; its settings are read from pg_sequence, and only
    // those that differ from what GENERATED ... AS IDENTITY alone gives are kept (see identityOptions).
    private static final String SQL = CatalogScope.SCOPED_TABLES + """
            select a.attrelid, a.attname,
                   format_type(a.atttypid,
                               case when a.atttypmod = 6
                                     and a.atttypid in ('timestamp'::regtype, 'timestamptz'::regtype,
                                                        'time'::regtype, 'timetz'::regtype,
                                                        'timestamp[]'::regtype, 'timestamptz[]'::regtype,
                                                        'time[]'::regtype, 'timetz[]'::regtype)
                                    then -1 else a.atttypmod end),
                   a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                   case when a.attcollation <> ty.typcollation then co.collname end,
                   col_description(a.attrelid, a.attnum), not a.attislocal,
                   (select n.conname from pg_constraint n
                    where n.conrelid = a.attrelid and n.contype = 'n' and n.conkey[1] = a.attnum
                      and not n.convalidated),
                   seq.seqstart, seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqcache, seq.seqcycle,
                   case seq.seqtypid when 'smallint'::regtype then 32767 when 'integer'::regtype then 2147483647
                                     else 9223372036854775807 end
            from scoped_table t
            join pg_attribute a on a.attrelid = t.oid
            join pg_type ty on ty.oid = a.atttypid
            left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            left join pg_collation co on co.oid = a.attcollation
            left join lateral (
                select s.*
                from pg_depend dep
                join pg_sequence s on s.seqrelid = dep.objid
                where a.attidentity <> '' and dep.classid = 'pg_class'::regclass
                  and dep.refclassid = 'pg_class'::regclass and dep.refobjid = a.attrelid
                  and dep.refobjsubid = a.attnum and dep.deptype = 'i'
            ) seq on true
            where a.attnum > 0 and not a.attisdropped
            order by a.attrelid, a.attnum
            """;

    /**
     * A column as read.
     *
     * @param inherited whether the table has it from its parents alone ({@code attislocal} false), see
     *     {@link dev.retort.schema.Table#inheritedColumns()}
     * @param unvalidatedNotNull the name of its NOT NULL constraint when that is not validated, otherwise null, see
     *     {@link dev.retort.schema.Table#unvalidatedNotNulls()}
     */
    record Column(ColumnDef definition, boolean inherited, String unvalidatedNotNull) {
    }

    private ColumnQuery() {
    }

    /** The columns of each table, keyed by the table's oid. */
    static Map<Long, List<Column>> read(CatalogScope scope) throws SQLException {
        Map<Long, List<Column>> columns = new HashMap<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                        .add(new Column(column(rows), rows.getBoolean(10), rows.getString(11)));
            }
        }
        return columns;
    }

    private static ColumnDef column(ResultSet rows) throws SQLException {
        String name = rows.getString(2);
        String expression = rows.getString(5);
        Identity identity = identity(rows.getString(6));
        // pg_attrdef holds a generated column's expression in the same place as a default. attgenerated is 's'
        // for a stored one, and from PostgreSQL 18 on 'v' for a virtual one (the default when STORED is left out).
        boolean generated = !rows.getString(7).isEmpty();
        return new ColumnDef(name, rows.getString(3), !rows.getBoolean(4),
                generated || identity != Identity.NONE ? null : expression, identity,
                generated ? expression : null, "v".equals(rows.getString(7)), false, false, rows.getString(9),
                rows.getString(8), identity == Identity.NONE ? SequenceOptions.UNSPECIFIED : identityOptions(rows));
    }

    /**
     * The settings of an identity's sequence that differ from PostgreSQL's defaults for its type and direction, so that
     * an identity declared without options (as Hibernate's and earlier Retort versions' are) reads as
     * {@link SequenceOptions#UNSPECIFIED}: an ascending sequence runs from 1 to its type's largest value, a descending
     * one from -1 down to the smallest; it starts at the end it counts from, caches 1 and does not cycle.
     */
    private static SequenceOptions identityOptions(ResultSet rows) throws SQLException {
        long start = rows.getLong(12);
        long increment = rows.getLong(13);
        long min = rows.getLong(14);
        long max = rows.getLong(15);
        long typeMax = rows.getLong(18);
        boolean ascending = increment > 0;
        SequenceOptions options = SequenceOptions.UNSPECIFIED;
        if (increment != 1) {
            options = options.increment(increment);
        }
        if (min != (ascending ? 1 : -typeMax - 1)) {
            options = options.minValue(min);
        }
        if (max != (ascending ? typeMax : -1)) {
            options = options.maxValue(max);
        }
        if (start != (ascending ? min : max)) {
            options = options.start(start);
        }
        if (rows.getLong(16) != 1) {
            options = options.cache(rows.getLong(16));
        }
        return rows.getBoolean(17) ? options.cycle(true) : options;
    }

    private static Identity identity(String code) {
        return switch (code) {
            case "a" -> Identity.ALWAYS;
            case "d" -> Identity.BY_DEFAULT;
            default -> Identity.NONE;
        };
    }
}
