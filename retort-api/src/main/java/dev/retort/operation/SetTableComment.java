package dev.retort.operation;

/** Sets a table's comment, or removes it when {@code comment} is null. */
public record SetTableComment(QualifiedName table, String comment) implements Operation {
    public SetTableComment {
        Require.present(table, "the table to comment on");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
