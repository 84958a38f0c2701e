package dev.retort.operation;

/**
 * Does something for each kind of {@link TableConstraint}; without default methods, so a new kind
 * of constraint is a compile error in every visitor that does not handle it.
 *
 * @param <R> what each visit returns
 */
public interface ConstraintVisitor<R> {
    R visit(PrimaryKeyDef constraint);

    R visit(UniqueDef constraint);

    R visit(ForeignKeyDef constraint);

    R visit(CheckDef constraint);

    R visit(ExcludeDef constraint);
}
