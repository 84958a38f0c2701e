package dev.retort.operation;

/** Options of {@code op.createSequence(...)}; settings left out take PostgreSQL's defaults. */
public final class CreateSequenceBuilder {
    private QualifiedName sequence;
    private SequenceOptions options = SequenceOptions.UNSPECIFIED;
    private boolean ifNotExists;

    CreateSequenceBuilder(QualifiedName sequence) {
        this.sequence = sequence;
    }

    /** Creates the sequence in {@code schema}. */
    public CreateSequenceBuilder schema(String schema) {
        sequence = sequence.inSchema(schema);
        return this;
    }

    /** The sequence's type: {@code smallint}, {@code integer} or {@code bigint} (the default). */
    public CreateSequenceBuilder dataType(String type) {
        options = options.dataType(type);
        return this;
    }

    /** The first value. */
    public CreateSequenceBuilder start(long value) {
        options = options.start(value);
        return this;
    }

    /** The step between values; negative for a descending sequence. */
    public CreateSequenceBuilder increment(long value) {
        options = options.increment(value);
        return this;
    }

    /** The lowest value. */
    public CreateSequenceBuilder minValue(long value) {
        options = options.minValue(value);
        return this;
    }

    /** The highest value. */
    public CreateSequenceBuilder maxValue(long value) {
        options = options.maxValue(value);
        return this;
    }

    /** How many values each session preallocates. */
    public CreateSequenceBuilder cache(long value) {
        options = options.cache(value);
        return this;
    }

    /** Whether the sequence wraps around at its limit ({@code CYCLE}) or fails ({@code NO CYCLE}). */
    public CreateSequenceBuilder cycle(boolean cycle) {
        options = options.cycle(cycle);
        return this;
    }

    /** Ties the sequence to {@code table.column} (in the sequence's schema): dropping the column drops it. */
    public CreateSequenceBuilder ownedBy(String table, String column) {
        options = options.ownedBy(new SequenceOwner(table, column));
        return this;
    }

    /** Does nothing, instead of failing, when the sequence exists ({@code IF NOT EXISTS}). */
    public CreateSequenceBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    CreateSequence build() {
        return new CreateSequence(sequence, options, ifNotExists);
    }
}
