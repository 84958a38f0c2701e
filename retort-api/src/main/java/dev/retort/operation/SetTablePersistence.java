package dev.retort.operation;

/**
 * Makes a table unlogged ({@code ALTER TABLE ... SET UNLOGGED}), or logged again ({@code SET LOGGED}). An unlogged
 * table's rows are not written to the write-ahead log: it is emptied after a crash and not replicated. Either way
 * PostgreSQL rewrites the table under an exclusive lock.
 */
public record SetTablePersistence(QualifiedName table, boolean unlogged) implements Operation {
    public SetTablePersistence {
        Require.present(table, "the table to make logged or unlogged");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
