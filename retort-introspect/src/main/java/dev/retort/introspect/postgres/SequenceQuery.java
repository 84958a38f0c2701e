package dev.retort.introspect.postgres;

import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.schema.Sequence;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the sequences in scope with every option as the catalog holds it.
 *
 * <p>An identity column's sequence is part of the column (dependency type {@code 'i'}) and is left out, as
 * are an extension's sequences. A {@code serial} column's sequence, or one given {@code OWNED BY}, depends
 * on its column with type {@code 'a'}, which becomes the sequence's {@link SequenceOwner}.
 */
final class SequenceQuery {
    private static final String SQL = """
            select n.nspname, c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement,
                   s.seqmin, s.seqmax, s.seqcache, s.seqcycle, owner.relname, owner_column.attname
            from pg_sequence s
            join pg_class c on c.oid = s.seqrelid
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid
                                 and d.refclassid = 'pg_class'::regclass and d.deptype = 'a'
            left join pg_class owner on owner.oid = d.refobjid
            left join pg_attribute owner_column on owner_column.attrelid = d.refobjid
                                               and owner_column.attnum = d.refobjsubid
            where n.nspname = any (?)
              and not exists (select 1 from pg_depend x
                              where x.classid = 'pg_class'::regclass and x.objid = c.oid
                                and x.deptype in ('i', 'e'))
            """;

    /**
     * A sequence and the table that owns it.
     *
     * @param owner the owning table, in the sequence's schema; null when no column owns the sequence
     */
    record Row(Sequence sequence, QualifiedName owner) {
    }

    private SequenceQuery() {
    }

    static List<Row> read(CatalogScope scope) throws SQLException {
        List<Row> sequences = new ArrayList<>();
        try (PreparedStatement statement = scope.prepare(SQL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String schema = rows.getString(1);
                String ownerTable = rows.getString(10);
                SequenceOwner owner = ownerTable == null ? SequenceOwner.NONE
                        : new SequenceOwner(ownerTable, rows.getString(11));
                SequenceOptions options = new SequenceOptions(rows.getString(3), rows.getLong(4), rows.getLong(5),
                        rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getBoolean(9), owner);
                sequences.add(new Row(new Sequence(scope.name(schema, rows.getString(2)), options),
                        ownerTable == null ? null : scope.name(schema, ownerTable)));
            }
        }
        return sequences;
    }
}
