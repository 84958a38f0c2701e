package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
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
    private final boolean movesExtensions;
    private final boolean keyOrderMatters;
    private final Map<String, String> uniqueNames;
    private final Map<String, List<String>> enumConstants;
    private final Map<QualifiedName, String> keptSequences;

    public SchemaDiffer(Renames renames) {
        this(renames, Map.of());
    }

    /**
     * @param idSequences {@code table.column} of the desired schema to the sequence its model says numbers it (a JPA
     *     entity's id generator): when the column stops being an identity, that sequence takes over its numbers and
     *     is moved past its rows, whatever its name ({@link SequenceTakeovers})
     */
    public SchemaDiffer(Renames renames, Map<String, String> idSequences) {
        this(renames, idSequences, true);
    }

    /**
     * @param movesExtensions whether an extension the database keeps in another schema than the desired one is moved
     *     there. Not for a model that cannot say where its extensions go (JPA entities: Retort creates an extension
     *     their types need in the dev database's default schema), against a database that keeps them in a schema of
     *     their own (Supabase's {@code extensions}): such an extension stays where it is, and its types and operator
     *     classes compare as the same under either schema's name
     */
    public SchemaDiffer(Renames renames, Map<String, String> idSequences, boolean movesExtensions) {
        this(renames, idSequences, movesExtensions, true);
    }

    /**
     * @param keyOrderMatters whether a composite primary key, or a foreign key, over the same columns in another order
     *     is a change. Not for a model that does not choose that order (JPA entities: Hibernate orders a composite
     *     key one way when it creates the schema and another when it updates it), see {@link KeyColumnOrder}. Such a
     *     model cannot say {@code UNLOGGED} either: a table keeps the persistence it has ({@link KeptSettings})
     */
    public SchemaDiffer(Renames renames, Map<String, String> idSequences, boolean movesExtensions,
            boolean keyOrderMatters) {
        this(renames, idSequences, movesExtensions, keyOrderMatters, Map.of());
    }

    /**
     * @param uniqueNames names the model's own tool gives unique constraints its DDL leaves unnamed, when it builds
     *     the schema itself (Hibernate's {@code ddl-auto=update}), lower case, to the constraint as {@code table
     *     unique (a, b)}: a current constraint under such a name is the desired one, see {@link UniqueNames}
     */
    public SchemaDiffer(Renames renames, Map<String, String> idSequences, boolean movesExtensions,
            boolean keyOrderMatters, Map<String, String> uniqueNames) {
        this(renames, idSequences, movesExtensions, keyOrderMatters, uniqueNames, Map.of());
    }

    /**
     * @param enumConstants {@code table.column} of the desired schema to the constants, in declaration order, of the
     *     enum its model says the column holds (a JPA entity's {@code @Enumerated} attribute): a column that goes
     *     between the enum's ordinals and its names has its rows converted, both ways ({@link ModelEnums})
     */
    public SchemaDiffer(Renames renames, Map<String, String> idSequences, boolean movesExtensions,
            boolean keyOrderMatters, Map<String, String> uniqueNames, Map<String, List<String>> enumConstants) {
        this(renames, idSequences, movesExtensions, keyOrderMatters, uniqueNames, enumConstants, Map.of());
    }

    private SchemaDiffer(Renames renames, Map<String, String> idSequences, boolean movesExtensions,
            boolean keyOrderMatters, Map<String, String> uniqueNames, Map<String, List<String>> enumConstants,
            Map<QualifiedName, String> keptSequences) {
        this.keptSequences = Map.copyOf(keptSequences);
        this.enumConstants = Map.copyOf(enumConstants);
        this.renames = Objects.requireNonNull(renames, "renames");
        this.idSequences = Map.copyOf(idSequences);
        this.movesExtensions = movesExtensions;
        this.keyOrderMatters = keyOrderMatters;
        this.uniqueNames = Map.copyOf(uniqueNames);
    }

    /**
     * This differ, for schemas that both hold {@code keptSequences}, unchanged: sequences that stay only because the
     * body of a function names them (to those functions, {@code legacy, billing.receipt}), which the model no longer
     * numbers anything from. A column one of them numbered that becomes an identity still starts past its last
     * value ({@link FormerSequences}), with a warning that the function may hand out the same numbers, and the way
     * back numbers the column from it again.
     */
    public SchemaDiffer keeping(Map<QualifiedName, String> keptSequences) {
        return new SchemaDiffer(renames, idSequences, movesExtensions, keyOrderMatters, uniqueNames, enumConstants,
                keptSequences);
    }

    /** The changes from {@code current} to {@code desired}, and back. */
    public SchemaDiff diff(DatabaseSchema current, DatabaseSchema desired) {
        // Only the database's views and policies block the upgrade's steps; the model's side, read from a scratch
        // database, has none the migration would have made in the database (see Table#readers).
        desired = desired.withoutReaders();
        current = LeftOutKeys.only(current);
        current = ArrayCasts.fold(SameDefaults.fold(current));
        desired = ArrayCasts.fold(SameDefaults.fold(desired));
        RenameAnswers answers = RenameResolver.resolve(current, desired, renames);
        if (!keyOrderMatters) {
            desired = KeyColumnOrder.following(current, desired, answers);
            // Such a model's DDL is Hibernate's, which cannot say INHERITS either.
            desired = KeptInheritance.following(current, desired, answers);
            // Nor EXCLUDE: the database's exclusion constraints were added by hand, and stay.
            desired = KeptExclusions.following(current, desired, answers);
        }
        // Hibernate's DDL cannot say UNLOGGED either; no model says row-level security or replica identity.
        desired = KeptSettings.following(current, desired, answers, keyOrderMatters);
        desired = UniqueNames.following(current, desired, answers, uniqueNames);
        // The downgrade starts from the database the upgrade leaves, whose children may declare columns and checks the
        // model's children inherit, or the other way round.
        desired = ParentChanges.asUpgraded(current, desired, answers);
        List<Extension> missing = ExtensionPlan.missing(current, desired);
        List<ExtensionPlan.Move> moves = ExtensionPlan.moves(current, desired, movesExtensions);
        // The model's id sequences describe the desired schema only; the way back returns to what the database had,
        // where the sequences the upgrade's takeovers drop number their columns again.
        // The model's enums are the desired schema's columns; the way back finds them under the database's names.
        ModelEnums enums = ModelEnums.of(enumConstants);
        MigrationPlanner.Plan upgrade = MigrationPlanner.plan(current, desired, answers,
                ExtensionPlan.upgrade(missing, moves), idSequences, List.of(), enums, keptSequences, true);
        return new SchemaDiff(upgrade.changes(),
                MigrationPlanner.plan(desired, current, answers.inverse(), ExtensionPlan.downgrade(missing, moves),
                        upgrade.idSequencesBack(), upgrade.numberedBefore(), enums.underOldNames(answers),
                        keptSequences, false).changes());
    }
}
