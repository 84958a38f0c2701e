package dev.retort.operation;

/** Drops the cast from type {@code source} to type {@code target} (SQL text, as a column's type is). */
public record DropCast(String source, String target, boolean ifExists) implements Operation {
    public DropCast {
        Require.sql(source, "the source type of a cast");
        Require.sql(target, "the target type of a cast");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
