package dev.retort.operation;

/** Options of {@code op.createUniqueConstraint(...)}. */
public final class UniqueConstraintBuilder {
    private QualifiedName table;
    private UniqueDef constraint;

    UniqueConstraintBuilder(QualifiedName table, UniqueDef constraint) {
        this.table = table;
        this.constraint = constraint;
    }

    /** Adds the constraint to the table in {@code schema}. */
    public UniqueConstraintBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** Makes the constraint {@code DEFERRABLE}: checked per statement unless a transaction defers it. */
    public UniqueConstraintBuilder deferrable() {
        constraint = constraint.deferrable();
        return this;
    }

    /** Makes the constraint {@code DEFERRABLE INITIALLY DEFERRED}: checked at commit. */
    public UniqueConstraintBuilder initiallyDeferred() {
        constraint = constraint.initiallyDeferred();
        return this;
    }

    /** Makes keys that hold nulls count as equal ({@code NULLS NOT DISTINCT}, PostgreSQL 15 and later). */
    public UniqueConstraintBuilder nullsNotDistinct() {
        constraint = constraint.nullsNotDistinct(true);
        return this;
    }

    /** Makes the constraint's index store {@code columns} too ({@code INCLUDE}), for index-only scans. */
    public UniqueConstraintBuilder include(String... columns) {
        constraint = constraint.include(columns);
        return this;
    }

    AddConstraint build() {
        return new AddConstraint(table, constraint);
    }
}
