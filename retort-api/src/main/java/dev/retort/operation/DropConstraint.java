package dev.retort.operation;

/** Drops a named constraint from a table. */
public record DropConstraint(QualifiedName table, String name, boolean ifExists, boolean cascade)
        implements Operation {
    public DropConstraint {
        Require.present(table, "the table to drop a constraint from");
        Require.name(name, "the constraint to drop from table " + table);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
