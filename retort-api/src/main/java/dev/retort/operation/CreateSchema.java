package dev.retort.operation;

/** Creates a schema. */
public record CreateSchema(String name, boolean ifNotExists) implements Operation {
    public CreateSchema {
        Require.name(name, "the name of a new schema");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
