package dev.retort.operation;

/** Options of {@code op.createForeignKey(...)}. */
public final class ForeignKeyBuilder {
    private QualifiedName table;
    private ForeignKeyDef constraint;

    ForeignKeyBuilder(QualifiedName table, ForeignKeyDef constraint) {
        this.table = table;
        this.constraint = constraint;
    }

    /** Adds the foreign key to the (source) table in {@code schema}. */
    public ForeignKeyBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** References the table in {@code schema}. */
    public ForeignKeyBuilder referentSchema(String schema) {
        constraint = constraint.referencedSchema(schema);
        return this;
    }

    /** What deleting a referenced row does to referencing rows ({@code ON DELETE}). */
    public ForeignKeyBuilder onDelete(ForeignKeyAction action) {
        constraint = constraint.onDelete(action);
        return this;
    }

    /**
     * What deleting a referenced row does to referencing rows, setting only {@code columns} of the key
     * ({@code ON DELETE SET NULL (columns)} or {@code SET DEFAULT (columns)}, PostgreSQL 15 and later).
     */
    public ForeignKeyBuilder onDelete(ForeignKeyAction action, String... columns) {
        constraint = constraint.onDelete(action, columns);
        return this;
    }

    /** What changing a referenced key does to referencing rows ({@code ON UPDATE}). */
    public ForeignKeyBuilder onUpdate(ForeignKeyAction action) {
        constraint = constraint.onUpdate(action);
        return this;
    }

    /** How partly-null keys are checked ({@code MATCH FULL} or {@code MATCH SIMPLE}). */
    public ForeignKeyBuilder match(ForeignKeyMatch match) {
        constraint = constraint.match(match);
        return this;
    }

    /** Makes the foreign key {@code DEFERRABLE}: checked per statement unless a transaction defers it. */
    public ForeignKeyBuilder deferrable() {
        constraint = constraint.deferrable();
        return this;
    }

    /** Makes the foreign key {@code DEFERRABLE INITIALLY DEFERRED}: checked at commit. */
    public ForeignKeyBuilder initiallyDeferred() {
        constraint = constraint.initiallyDeferred();
        return this;
    }

    AddConstraint build() {
        return new AddConstraint(table, constraint);
    }
}
