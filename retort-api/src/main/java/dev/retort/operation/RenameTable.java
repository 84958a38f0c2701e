package dev.retort.operation;

/** Renames a table; it stays in its schema. */
public record RenameTable(QualifiedName table, String newName) implements Operation {
    public RenameTable {
        Require.present(table, "the table to rename");
        Require.name(newName, "the new name of table " + table);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
