package dev.retort.operation;

/** Drops a sequence; {@code cascade} also drops defaults and objects that use it. */
public record DropSequence(QualifiedName sequence, boolean ifExists, boolean cascade) implements Operation {
    public DropSequence {
        Require.present(sequence, "the sequence to drop");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
