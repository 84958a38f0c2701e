package dev.retort.operation;

/** Creates a sequence with the given settings; unset ones take PostgreSQL's defaults. */
public record CreateSequence(QualifiedName sequence, SequenceOptions options, boolean ifNotExists)
        implements Operation {
    public CreateSequence {
        Require.present(sequence, "the name of a new sequence");
        options = options == null ? SequenceOptions.UNSPECIFIED : options;
        if (SequenceOwner.NONE.equals(options.ownedBy())) {
            // A new sequence is owned by no column anyway; one spelling keeps equal operations equal records.
            options = new SequenceOptions(options.dataType(), options.start(), options.increment(), options.minValue(),
                    options.maxValue(), options.cache(), options.cycle(), null);
        }
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
