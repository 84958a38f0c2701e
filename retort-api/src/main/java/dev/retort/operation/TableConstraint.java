package dev.retort.operation;

/**
 * A constraint on a table: primary key, unique, foreign key, check or exclusion.
 *
 * <p>The same values appear inside {@link CreateTable} and in {@link AddConstraint}, so a dialect
 * renders each kind once. A null {@link #name()} lets PostgreSQL choose the name.
 */
public sealed interface TableConstraint extends TableElement permits PrimaryKeyDef, UniqueDef, ForeignKeyDef, CheckDef,
        ExcludeDef {
    /** The constraint's name, or null to let the database name it. */
    String name();

    /** Calls the {@code visitor} method for this constraint's type and returns its result. */
    <R> R accept(ConstraintVisitor<R> visitor);
}
