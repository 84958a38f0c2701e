package dev.retort.operation;

/** The changes of {@code op.alterSequence(...)}: give at least one; settings left out stay as they are. */
public final class AlterSequenceBuilder {
    private QualifiedName sequence;
    private SequenceOptions options = SequenceOptions.UNSPECIFIED;
    private Long restartWith;

    AlterSequenceBuilder(QualifiedName sequence) {
        this.sequence = sequence;
    }

    /** Alters the sequence in {@code schema}. */
    public AlterSequenceBuilder schema(String schema) {
        sequence = sequence.inSchema(schema);
        return this;
    }

    /** Changes the sequence's type: {@code smallint}, {@code integer} or {@code bigint}. */
    public AlterSequenceBuilder dataType(String type) {
        options = options.dataType(type);
        return this;
    }

    /** Changes the start value that a plain {@code RESTART} returns to; the current value is unchanged. */
    public AlterSequenceBuilder start(long value) {
        options = options.start(value);
        return this;
    }

    /** Changes the step between values. */
    public AlterSequenceBuilder increment(long value) {
        options = options.increment(value);
        return this;
    }

    /** Changes the lowest value. */
    public AlterSequenceBuilder minValue(long value) {
        options = options.minValue(value);
        return this;
    }

    /** Changes the highest value. */
    public AlterSequenceBuilder maxValue(long value) {
        options = options.maxValue(value);
        return this;
    }

    /** Changes how many values each session preallocates. */
    public AlterSequenceBuilder cache(long value) {
        options = options.cache(value);
        return this;
    }

    /** Changes whether the sequence wraps around at its limit. */
    public AlterSequenceBuilder cycle(boolean cycle) {
        options = options.cycle(cycle);
        return this;
    }

    /** Ties the sequence to {@code table.column} (in the sequence's schema). */
    public AlterSequenceBuilder ownedBy(String table, String column) {
        options = options.ownedBy(new SequenceOwner(table, column));
        return this;
    }

    /** Unties the sequence from its column ({@code OWNED BY NONE}). */
    public AlterSequenceBuilder ownedByNone() {
        options = options.ownedBy(SequenceOwner.NONE);
        return this;
    }

    /** Makes {@code value} the next value the sequence returns ({@code RESTART WITH}). */
    public AlterSequenceBuilder restartWith(long value) {
        restartWith = value;
        return this;
    }

    AlterSequence build() {
        return new AlterSequence(sequence, options, restartWith);
    }
}
