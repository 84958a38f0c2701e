package dev.retort.operation;

/**
 * Drops a column from a table.
 *
 * @param ifExists render {@code IF EXISTS}
 * @param cascade also drop objects that depend on the column ({@code CASCADE})
 */
public record DropColumn(QualifiedName table, String column, boolean ifExists, boolean cascade)
        implements Operation {
    public DropColumn {
        Require.present(table, "the table to drop a column from");
        Require.name(column, "the column to drop from table " + table);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
