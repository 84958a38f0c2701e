package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOwner;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sequences named after a renamed table, which are renamed with it.
 *
 * <p>Hibernate names a table's id sequence after the table ({@code orders_seq}), and {@code serial} names it after
 * the table and column ({@code orders_id_seq}). When {@code orders} becomes {@code purchases}, the model has
 * {@code purchases_seq} and no {@code orders_seq}. Dropping the one and creating the other would start the ids
 * again at 1 in a table full of rows, and the next insert would fail on a duplicate key; renaming the sequence
 * keeps its value. A sequence follows a table when its name is the table's old name, an underscore and a rest,
 * and the model has a new sequence in the same schema named after the new table with the same rest; in the
 * table's new schema for a sequence the table owns, which is renamed before the table moves, taking it along.
 */
final class SequenceRenames {
    /** Sequence {@code from} renamed to {@code to}, after {@code table}, the renamed table it is named after. */
    record Followed(QualifiedName from, QualifiedName to, QualifiedName table) {
    }

    private SequenceRenames() {
    }

    /**
     * The sequences of {@code current} that follow one of {@code tableRenames}, in the order of {@code current}.
     *
     * @param tableRenames confirmed table renames, old name to new name
     */
    static List<Followed> follow(DatabaseSchema current, DatabaseSchema desired,
            Map<QualifiedName, QualifiedName> tableRenames) {
        List<Followed> renames = new ArrayList<>();
        if (tableRenames.isEmpty()) {
            return renames;
        }
        Set<QualifiedName> taken = new HashSet<>();
        Set<QualifiedName> before = names(current.sequences());
        Set<QualifiedName> after = names(desired.sequences());
        List<Map.Entry<QualifiedName, QualifiedName>> tables = tableRenames.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(DatabaseSchema.NAME_ORDER))
                .toList();
        for (Sequence sequence : current.sequences()) {
            QualifiedName old = sequence.name();
            if (after.contains(old)) {
                continue;
            }
            for (Map.Entry<QualifiedName, QualifiedName> table : tables) {
                String prefix = table.getKey().name() + "_";
                if (!old.name().startsWith(prefix)) {
                    continue;
                }
                // A sequence the table owns (a serial column's) moves with the table to its new schema.
                String schema = ownedBy(sequence, table.getKey()) ? table.getValue().schema() : old.schema();
                QualifiedName renamed = QualifiedName.of(schema,
                        table.getValue().name() + old.name().substring(prefix.length() - 1));
                if (after.contains(renamed) && !before.contains(renamed) && taken.add(renamed)) {
                    renames.add(new Followed(old, renamed, table.getKey()));
                    break;
                }
            }
        }
        return renames;
    }

    /**
     * Old name to new name, for renaming them in a schema whose tables are renamed and moved already: a sequence
     * that moved with its table is named in the table's new schema there, and by its old name in the defaults that
     * still call it.
     */
    static Map<QualifiedName, QualifiedName> asMap(List<Followed> renames) {
        Map<QualifiedName, QualifiedName> map = new HashMap<>();
        renames.forEach(r -> {
            map.put(r.from(), r.to());
            map.put(r.from().inSchema(r.to().schema()), r.to());
        });
        return map;
    }

    private static boolean ownedBy(Sequence sequence, QualifiedName table) {
        SequenceOwner owner = sequence.options().ownedBy();
        return owner != null && !owner.isNone()
                && QualifiedName.of(sequence.name().schema(), owner.table()).equals(table);
    }

    private static Set<QualifiedName> names(List<Sequence> sequences) {
        Set<QualifiedName> names = new HashSet<>();
        sequences.forEach(s -> names.add(s.name()));
        return names;
    }
}
