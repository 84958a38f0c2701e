package dev.retort.operation;

/** Adds a primary key, unique, foreign-key or check constraint to an existing table. */
public record AddConstraint(QualifiedName table, TableConstraint constraint) implements Operation {
    public AddConstraint {
        Require.present(table, "the table to add a constraint to");
        Require.present(constraint, "the constraint to add to table " + table);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
