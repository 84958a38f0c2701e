package dev.retort.operation;

/**
 * Removes an extension from the database; without {@code cascade} nothing outside the extension may use it (a
 * column of its type, an index with its operator class), so no data is lost by accident.
 */
public record DropExtension(String name, boolean ifExists, boolean cascade) implements Operation {
    public DropExtension {
        Require.name(name, "the extension to drop");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
