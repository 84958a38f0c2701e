package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
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
 * table's new schema for a sequence the table owns, which the table's move takes along, and which is renamed there.
 *
 * <p>The rename runs in the schema the sequence ends up in, and the downgrade's in the one it comes from: a sequence
 * whose new name the database has in the one, or whose old name the model has in the other, keeps its name, with a
 * warning on its table's rename, since PostgreSQL would refuse the rename one way or the other.
 */
final class SequenceRenames {
    /** Sequence {@code from} renamed to {@code to}, after {@code table}, the renamed table it is named after. */
    record Followed(QualifiedName from, QualifiedName to, QualifiedName table) {
        /** The sequence's name when it is renamed: in the schema its table's move takes it to. */
        QualifiedName renamedFrom() {
            return from.inSchema(to.schema());
        }
    }

    private final List<Followed> followed;
    private final Map<QualifiedName, String> warnings;

    private SequenceRenames(List<Followed> followed, Map<QualifiedName, String> warnings) {
        this.followed = List.copyOf(followed);
        this.warnings = Map.copyOf(warnings);
    }

    /**
     * The sequences of {@code current} that follow one of {@code tableRenames}, in the order of {@code current}.
     *
     * @param tableRenames confirmed table renames, old name to new name
     */
    static SequenceRenames follow(DatabaseSchema current, DatabaseSchema desired,
            Map<QualifiedName, QualifiedName> tableRenames) {
        List<Followed> renames = new ArrayList<>();
        Map<QualifiedName, String> warnings = new HashMap<>();
        if (tableRenames.isEmpty()) {
            return new SequenceRenames(renames, warnings);
        }
        Set<QualifiedName> taken = new HashSet<>();
        Set<QualifiedName> after = names(desired.sequences());
        List<Map.Entry<QualifiedName, QualifiedName>> tables = tableRenames.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(DatabaseSchema.NAME_ORDER))
                .toList();
        for (Sequence sequence : current.sequences()) {
            QualifiedName old = sequence.name();
            if (after.contains(old)) {
                continue;
            }
            Map.Entry<QualifiedName, String> blocked = null;
            for (Map.Entry<QualifiedName, QualifiedName> table : tables) {
                String prefix = table.getKey().name() + "_";
                if (!old.name().startsWith(prefix)) {
                    continue;
                }
                // A sequence the table owns (a serial column's) moves with the table to its new schema.
                String schema = sequence.isOwnedBy(table.getKey()) ? table.getValue().schema() : old.schema();
                QualifiedName renamed = QualifiedName.of(schema,
                        table.getValue().name() + old.name().substring(prefix.length() - 1));
                if (!after.contains(renamed) || taken.contains(renamed)) {
                    continue;
                }
                String clash = clash(current, desired, old, renamed);
                if (clash == null) {
                    taken.add(renamed);
                    renames.add(new Followed(old, renamed, table.getKey()));
                    blocked = null;
                    break;
                }
                if (blocked == null) {
                    blocked = Map.entry(table.getKey(), Descriptions.sequenceKeepsItsName(old, renamed,
                            table.getKey(), clash));
                }
            }
            if (blocked != null) {
                warnings.put(blocked.getKey(), blocked.getValue());
            }
        }
        return new SequenceRenames(renames, warnings);
    }

    /**
     * Why {@code from} cannot be renamed to {@code to}, or null: the database has a relation of the new name in the
     * schema the sequence ends up in, where the rename runs (even one this revision drops: that comes later), or the
     * model has one of the old name in the schema it comes from, where the downgrade renames it back.
     */
    private static String clash(DatabaseSchema current, DatabaseSchema desired, QualifiedName from,
            QualifiedName to) {
        if (from.name().equals(to.name())) {
            return null;
        }
        if (SchemaNames.relations(current, to.schema()).contains(to.name())) {
            return "schema " + schema(to) + " has a relation " + to.name() + " already";
        }
        if (SchemaNames.relations(desired, from.schema()).contains(from.name())) {
            return "the model has a relation " + from.name() + " in schema " + schema(from)
                    + ", where the downgrade would rename it back";
        }
        return null;
    }

    /** The renames, in the order of the current schema's sequences. */
    List<Followed> followed() {
        return followed;
    }

    /**
     * Why a sequence named after {@code table}, renamed, keeps its name: to go on the table's rename; null when
     * none does.
     */
    String warning(QualifiedName table) {
        return warnings.get(table);
    }

    /**
     * Old name to new name, for renaming them in a schema whose tables are renamed and moved already: a sequence
     * that moved with its table is named in the table's new schema there, and by its old name in the defaults that
     * still call it.
     */
    Map<QualifiedName, QualifiedName> asMap() {
        Map<QualifiedName, QualifiedName> map = new HashMap<>();
        followed.forEach(r -> {
            map.put(r.from(), r.to());
            map.put(r.renamedFrom(), r.to());
        });
        return map;
    }

    private static String schema(QualifiedName name) {
        return name.schema() == null ? "public" : name.schema();
    }

    private static Set<QualifiedName> names(List<Sequence> sequences) {
        Set<QualifiedName> names = new HashSet<>();
        sequences.forEach(s -> names.add(s.name()));
        return names;
    }
}
