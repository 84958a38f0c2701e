package dev.retort.operation;

/** Creates a sequence with the given settings; unset ones take PostgreSQL's defaults. */
public record CreateSequence(QualifiedName sequence, SequenceOptions options, boolean ifNotExists)
        implements Operation {
    public CreateSequence {
        Require.present(sequence, "the name of a new sequence");
        options = options == null ? SequenceOptions.UNSPECIFIED : options;
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
