package dev.retort.operation;

/**
 * Adds a column to a table, with its comment if it has one.
 *
 * @param ifNotExists render {@code IF NOT EXISTS}
 */
public record AddColumn(QualifiedName table, ColumnDef column, boolean ifNotExists) implements Operation {
    public AddColumn {
        Require.present(table, "the table to add a column to");
        Require.present(column, "the column to add to table " + table);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
