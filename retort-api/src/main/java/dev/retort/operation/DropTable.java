package dev.retort.operation;

/**
 * Drops a table.
 *
 * @param ifExists render {@code IF EXISTS}
 * @param cascade also drop objects that depend on the table ({@code CASCADE})
 */
public record DropTable(QualifiedName table, boolean ifExists, boolean cascade) implements Operation {
    public DropTable {
        Require.present(table, "the table to drop");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
