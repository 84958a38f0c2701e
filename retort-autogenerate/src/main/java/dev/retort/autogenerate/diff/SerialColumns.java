package dev.retort.autogenerate.diff;

import dev.retort.NameBytes;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.Identity;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Columns that come or go with their own sequence, written as PostgreSQL's {@code serial} types.
 *
 * <p>A database does not remember that a column was declared {@code serial}: it has an integer column whose
 * default is {@code nextval('t_c_seq'::regclass)} and a sequence owned by that column. Planned as they are read,
 * a new {@code serial} column is three steps (create the sequence, the column with its default, then the owner)
 * and a dropped one is three more (release the sequence, drop the column, drop the sequence). When a column that
 * is new, or gone, has exactly what {@code serial} makes (the sequence named as PostgreSQL names it, with the
 * options it gives, owned by the column and used by no other default), this folds the three into a column of
 * type {@code serial}, {@code bigserial} or {@code smallserial}: creating it makes the same sequence, and
 * dropping the column or its table drops the sequence with it. Anything else, such as a sequence with another
 * start or cache, stays written out step by step.
 */
final class SerialColumns {
    /** The longest name PostgreSQL keeps; serial shortens a longer {@code <table>_<column>_seq}. */

    private SerialColumns() {
    }

    /** {@code from} and {@code to}, with the serial columns that only one of them has folded in that one. */
    record Folded(DatabaseSchema from, DatabaseSchema to) {
    }

    static Folded fold(DatabaseSchema from, DatabaseSchema to) {
        return new Folded(foldNew(to, from), foldNew(from, to));
    }

    /** {@code schema} with its serial columns that {@code other} has neither column nor sequence of folded. */
    private static DatabaseSchema foldNew(DatabaseSchema other, DatabaseSchema schema) {
        Map<QualifiedName, Map<String, String>> serialTypes = new HashMap<>();
        List<Sequence> sequences = new ArrayList<>();
        for (Sequence sequence : schema.sequences()) {
            Optional<String> serial = other.sequence(sequence.name()).isPresent()
                    ? Optional.empty() : serialType(sequence, schema, other);
            if (serial.isPresent()) {
                serialTypes.computeIfAbsent(sequence.ownerTable().orElseThrow(), t -> new HashMap<>())
                        .put(sequence.options().ownedBy().column(), serial.get());
            } else {
                sequences.add(sequence);
            }
        }
        if (serialTypes.isEmpty()) {
            return schema;
        }
        List<Table> tables = schema.tables().stream().map(t -> {
            Map<String, String> types = serialTypes.get(t.name());
            return types == null ? t : new Table(t.name(), t.columns().stream()
                    .map(c -> types.containsKey(c.name()) ? serial(c, types.get(c.name())) : c).toList(),
                    t.primaryKey(), t.uniques(), t.foreignKeys(), t.checks(), t.indexes(), t.comment(),
                    t.inherits(), t.inheritedColumns(), t.inheritedChecks(), t.unvalidatedNotNulls(), t.readers(),
                    t.settings(), t.exclusions());
        }).toList();
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), sequences, schema.extensions());
    }

    /** The serial type {@code sequence} and its owning column amount to, when they are exactly that. */
    private static Optional<String> serialType(Sequence sequence, DatabaseSchema schema, DatabaseSchema other) {
        Optional<QualifiedName> owningTable = sequence.ownerTable();
        if (owningTable.isEmpty()) {
            return Optional.empty();
        }
        SequenceOwner owner = sequence.options().ownedBy();
        QualifiedName tableName = owningTable.get();
        String name = sequence.name().name();
        Optional<ColumnDef> column = schema.table(tableName).flatMap(t -> t.column(owner.column()));
        if (column.isEmpty() || other.table(tableName).flatMap(t -> t.column(owner.column())).isPresent()
                || !name.equals(owner.table() + "_" + owner.column() + "_seq")
                || NameBytes.of(name) > NameBytes.MAX) {
            return Optional.empty();
        }
        ColumnDef c = column.get();
        String serial = switch (c.type()) {
            case "smallint" -> "smallserial";
            case "integer" -> "serial";
            case "bigint" -> "bigserial";
            default -> null;
        };
        if (serial == null || c.nullable() || c.identity() != Identity.NONE || c.generatedExpression() != null
                || !nextval(sequence.name()).contains(c.defaultExpression())
                || !madeBySerial(sequence.options(), c.type()) || usedElsewhere(sequence.name(), schema, c)) {
            return Optional.empty();
        }
        return Optional.of(serial);
    }

    /** The options {@code serial} gives its sequence: PostgreSQL's defaults for a sequence of the column's type. */
    private static boolean madeBySerial(SequenceOptions options, String type) {
        long max = switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        return type.equals(options.dataType()) && is(options.start(), 1) && is(options.increment(), 1)
                && is(options.minValue(), 1) && is(options.maxValue(), max) && is(options.cache(), 1)
                && Boolean.FALSE.equals(options.cycle());
    }

    private static boolean is(Long value, long expected) {
        return value != null && value == expected;
    }

    /**
     * The defaults PostgreSQL shows for a column numbered by {@code sequence}, its name qualified or not, and each
     * part quoted as the catalog quotes it ({@code nextval('"Meta"."Users_id_seq"'::regclass)}).
     */
    private static List<String> nextval(QualifiedName sequence) {
        String plain = "nextval('" + SqlText.quote(sequence.name()) + "'::regclass)";
        return sequence.schema() == null ? List.of(plain)
                : List.of(plain, "nextval('" + SqlText.quote(sequence) + "'::regclass)");
    }

    /** Whether a default besides {@code owner}'s names the sequence, which must then outlive the column. */
    private static boolean usedElsewhere(QualifiedName sequence, DatabaseSchema schema, ColumnDef owner) {
        String shown = SqlText.quote(sequence.name());
        String quoted = "'" + shown + "'";
        String qualified = "." + shown + "'";
        return schema.tables().stream().flatMap(t -> t.columns().stream())
                .filter(c -> c != owner && c.defaultExpression() != null)
                .anyMatch(c -> c.defaultExpression().contains(quoted) || c.defaultExpression().contains(qualified));
    }

    private static ColumnDef serial(ColumnDef column, String type) {
        return new ColumnDef(column.name(), type, column.nullable(), null, column.identity(),
                column.generatedExpression(), column.virtual(), column.primaryKey(), column.unique(), column.comment(),
                column.collation(), column.identityOptions());
    }
}
