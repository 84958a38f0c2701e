package dev.retort.operation;

/** Drops a schema; without {@code cascade} it must be empty. */
public record DropSchema(String name, boolean ifExists, boolean cascade) implements Operation {
    public DropSchema {
        Require.name(name, "the schema to drop");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
