package dev.retort.autogenerate.diff;

import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Extension;
import java.util.List;
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

    public SchemaDiffer(Renames renames) {
        this.renames = Objects.requireNonNull(renames, "renames");
    }

    /** The changes from {@code current} to {@code desired}, and back. */
    public SchemaDiff diff(DatabaseSchema current, DatabaseSchema desired) {
        current = SameDefaults.fold(current);
        desired = SameDefaults.fold(desired);
        RenameAnswers answers = RenameResolver.resolve(current, desired, renames);
        List<Extension> missing = ExtensionPlan.missing(current, desired);
        return new SchemaDiff(MigrationPlanner.plan(current, desired, answers, ExtensionPlan.creating(missing)),
                MigrationPlanner.plan(desired, current, answers.inverse(), ExtensionPlan.dropping(missing)));
    }
}
