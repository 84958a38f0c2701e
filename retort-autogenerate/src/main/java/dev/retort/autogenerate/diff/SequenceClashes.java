package dev.retort.autogenerate.diff;

import dev.retort.operation.DropSequence;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The dropped sequences whose name the desired schema gives to a table or an index, which PostgreSQL keeps in the
 * same namespace: a new table {@code counter} fails while sequence {@code counter} exists, and sequences are
 * dropped at the end, after the defaults that call them.
 *
 * <p>Such a sequence goes first: dropped when no default calls it, and otherwise renamed out of the way
 * ({@code counter_old}), to be dropped at the end as any other. A sequence that moves with its table to another
 * schema leaves the name before anything takes it, and is left alone.
 */
final class SequenceClashes {
    private final List<Change> clearing = new ArrayList<>();
    private final Map<QualifiedName, QualifiedName> renamed = new HashMap<>();
    private final Set<QualifiedName> dropped = new HashSet<>();

    /**
     * @param followed the sequences renamed with their tables, which are not dropped
     * @param tableRenames confirmed table renames, old name to new name
     */
    SequenceClashes(DatabaseSchema current, DatabaseSchema desired, SequenceRenames followed,
            Map<QualifiedName, QualifiedName> tableRenames) {
        Set<QualifiedName> kept = new HashSet<>();
        desired.sequences().forEach(s -> kept.add(s.name()));
        followed.followed().forEach(r -> kept.add(r.from()));
        for (Sequence sequence : current.sequences()) {
            QualifiedName name = sequence.name();
            if (kept.contains(name) || movesWithItsTable(sequence, tableRenames)
                    || !SchemaNames.relations(desired, name.schema()).contains(name.name())) {
                continue;
            }
            if (calledByADefault(name, current)) {
                String aside = SchemaNames.aside(name, current, desired);
                renamed.put(name, QualifiedName.of(name.schema(), aside));
                clearing.add(Change.of(SqlText.renameSequence(name, aside), "rename sequence " + name + " to " + aside
                        + ", as a table or index takes its name; it is dropped once no default calls it"));
            } else {
                dropped.add(name);
                clearing.add(Change.of(new DropSequence(name, false, false),
                        "drop sequence " + name + ", before a table or index takes its name"));
            }
        }
    }

    /** Drops and renames out of the way: before any table or index is created, and any table renamed. */
    List<Change> clearing() {
        return List.copyOf(clearing);
    }

    /**
     * {@code schema} (the current one, with confirmed renames applied) as the clearing leaves it: without the
     * sequences dropped, and with those renamed out of the way under their new names, the defaults that call them
     * too, so the rest of the diff drops them under those names.
     */
    DatabaseSchema apply(DatabaseSchema schema) {
        if (dropped.isEmpty() && renamed.isEmpty()) {
            return schema;
        }
        DatabaseSchema left = new DatabaseSchema(schema.schemas(), schema.tables(), schema.enums(),
                schema.sequences().stream().filter(s -> !dropped.contains(s.name())).toList(), schema.extensions());
        return RenamedSchema.renameSequences(left, renamed);
    }

    /**
     * Whether a default may call the sequence: its name, quoted as the catalog shows it, appears in one, qualified or
     * not (a false match renames the sequence out of the way where dropping it would do).
     */
    private static boolean calledByADefault(QualifiedName sequence, DatabaseSchema schema) {
        String shown = SqlText.quote(sequence.name());
        return schema.tables().stream().flatMap(t -> t.columns().stream())
                .map(c -> c.defaultExpression())
                .filter(Objects::nonNull)
                .anyMatch(d -> d.contains("'" + shown + "'") || d.contains("." + shown + "'"));
    }

    private static boolean movesWithItsTable(Sequence sequence, Map<QualifiedName, QualifiedName> tableRenames) {
        return sequence.ownerTable().map(tableRenames::get)
                .filter(to -> !Objects.equals(to.schema(), sequence.name().schema()))
                .isPresent();
    }
}
