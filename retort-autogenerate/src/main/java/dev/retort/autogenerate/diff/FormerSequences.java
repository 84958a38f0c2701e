package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.Identity;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sequences that numbered columns which become identities, where the column's default does not name one: a JPA
 * entity whose {@code @GeneratedValue} goes from {@code SEQUENCE} to {@code IDENTITY}. Hibernate calls {@code
 * nextval} itself, so the column has no default, and its sequence ({@code users_seq}, or the one a
 * {@code @SequenceGenerator} names) goes in the same revision. The identity must start past that sequence's last
 * value, not only past the rows left, or the ids of rows deleted since are handed out again.
 *
 * <p>A sequence the revision drops is paired with such a column when it is named after the table ({@code users_seq},
 * {@code users_id_seq}), or, failing one, when it is Hibernate 5's {@code hibernate_sequence}, which numbered every
 * entity: each column it may have numbered starts past its last value, unless that is past what the column holds
 * (another table's ids), which it cannot have handed out to the column. One of another name (a {@code
 * @SequenceGenerator}'s) is not: nothing in the schema says which column it numbered. Only sequences that no default
 * calls and no column owns qualify: those number something else. The drops come last in the revision ({@link
 * MigrationPlanner}), so the sequence is still there when the identity is moved; one dropped early, to free its name,
 * is not a candidate. A sequence that stays only because a function's body names it ({@link SchemaDiffer#keeping}) is
 * one too, though it is not dropped.
 */
final class FormerSequences {
    /** The one sequence Hibernate 5 numbered every entity's ids from, unless a generator named another. */
    private static final String HIBERNATE_5_SEQUENCE = "hibernate_sequence";

    private FormerSequences() {
    }

    /**
     * The sequence that numbered each column of {@code kept} that becomes an identity with no default before, by table
     * and column; {@code current} and {@code desired} as the planner compares them (renames applied), {@code
     * keptSequences} the sequences both hold that the model numbers nothing from.
     */
    static Map<QualifiedName, Map<String, QualifiedName>> find(DatabaseSchema current, DatabaseSchema desired,
            Map<QualifiedName, KeptTable> kept, Set<QualifiedName> keptSequences) {
        Set<QualifiedName> staying = desired.sequences().stream().map(Sequence::name).collect(Collectors.toSet());
        staying.removeAll(keptSequences);
        List<QualifiedName> free = current.sequences().stream()
                .filter(s -> !staying.contains(s.name()) && s.ownerTable().isEmpty()
                        && s.options().increment() != null && s.options().increment() > 0
                        && !SequenceTakeovers.usedByDefault(s.name(), current))
                .map(Sequence::name).collect(Collectors.toCollection(ArrayList::new));
        Map<QualifiedName, Map<String, QualifiedName>> found = new HashMap<>();
        for (KeptTable table : kept.values()) {
            for (ColumnDef column : table.after().columns()) {
                ColumnDef old = table.beforeColumn(column.name());
                if (old == null || old.identity() != Identity.NONE || column.identity() == Identity.NONE
                        || old.defaultExpression() != null || table.recreated().contains(column.name())) {
                    continue;
                }
                QualifiedName sequence = SequenceTakeovers.namedAfter(table.name(), column.name(), free);
                if (sequence != null) {
                    free.remove(sequence);
                } else if (free.contains(QualifiedName.of(table.name().schema(), HIBERNATE_5_SEQUENCE))) {
                    // Left in free: it numbered every table.
                    sequence = QualifiedName.of(table.name().schema(), HIBERNATE_5_SEQUENCE);
                }
                if (sequence != null) {
                    found.computeIfAbsent(table.name(), t -> new LinkedHashMap<>()).put(column.name(), sequence);
                }
            }
        }
        return found;
    }
}
