package dev.retort.autogenerate.diff;

import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Extension;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the schema a database has with the schema its models describe, and produces the operations of a
 * migration between them: the upgrade, ordered so that each operation finds what it needs, and the downgrade
 * that undoes it exactly.
 *
 * <p>Both schemas must come from the same introspection, so that types, defaults and expressions compare as
 * text. Renames are asked of {@link Renames} once, and the same answers shape both directions. The downgrade is
 * planned the same way as the upgrade, from the desired schema back to the current one, so the same ordering
 * rules hold for it; extensions are the exception, see {@link ExtensionPlan}.
 */
public final class SchemaDiffer {
    private final Renames renames;
    private final Map<String, String> idSequences;

    public SchemaDiffer(Renames renames) {
        this(renames, Map.of());
    }

    /**
     * @param idSequences {@code table.column} of the desired schema to the sequence its model says numbers it (a JPA
     *     entity's id generator): when the column stops being an identity, that sequence takes over its numbers and
     *     is moved past its rows, whatever its name ({@link SequenceTakeovers})
     */
    public SchemaDiffer(Renames renames, Map<String, String> idSequences) {
        this.renames = Objects.requireNonNull(renames, "renames");
        this.idSequences = Map.copyOf(idSequences);
    }

    /** The changes from {@code current} to {@code desired}, and back. */
    public SchemaDiff diff(DatabaseSchema current, DatabaseSchema desired) {
        current = SameDefaults.fold(current);
        desired = SameDefaults.fold(desired);
        RenameAnswers answers = RenameResolver.resolve(current, desired, renames);
        List<Extension> missing = ExtensionPlan.missing(current, desired);
        List<ExtensionPlan.Move> moves = ExtensionPlan.moves(current, desired);
        // The model's id sequences describe the desired schema only; the way back returns to what the database had.
        return new SchemaDiff(MigrationPlanner.plan(current, desired, answers, ExtensionPlan.upgrade(missing, moves),
                idSequences),
                MigrationPlanner.plan(desired, current, answers.inverse(), ExtensionPlan.downgrade(missing, moves),
                        Map.of()));
    }
}
