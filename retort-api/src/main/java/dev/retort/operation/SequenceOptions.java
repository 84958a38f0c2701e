package dev.retort.operation;

/**
 * The settings of a sequence; null means "not given" (PostgreSQL's default, or unchanged when altering).
 *
 * <p>Built through {@code op.createSequence(...)} and {@code op.alterSequence(...)}, or from
 * {@link #UNSPECIFIED} with the methods that return a changed copy.
 *
 * @param dataType {@code smallint}, {@code integer} or {@code bigint} ({@code AS type}), or null
 */
public record SequenceOptions(String dataType, Long start, Long increment, Long minValue, Long maxValue,
                              Long cache, Boolean cycle, SequenceOwner ownedBy) {
    /** No settings given. */
    public static final SequenceOptions UNSPECIFIED =
            new SequenceOptions(null, null, null, null, null, null, null, null);

    public SequenceOptions {
        Require.optionalSql(dataType, "the data type of a sequence");
    }

    /** Whether no setting is given. */
    public boolean isEmpty() {
        return equals(UNSPECIFIED);
    }

    /** These settings with {@code AS type}: {@code smallint}, {@code integer} or {@code bigint}. */
    public SequenceOptions dataType(String type) {
        return new SequenceOptions(type, start, increment, minValue, maxValue, cache, cycle, ownedBy);
    }

    /** These settings with {@code START WITH value}. */
    public SequenceOptions start(long value) {
        return new SequenceOptions(dataType, value, increment, minValue, maxValue, cache, cycle, ownedBy);
    }

    /** These settings with {@code INCREMENT BY value}. */
    public SequenceOptions increment(long value) {
        return new SequenceOptions(dataType, start, value, minValue, maxValue, cache, cycle, ownedBy);
    }

    /** These settings with {@code MINVALUE value}. */
    public SequenceOptions minValue(long value) {
        return new SequenceOptions(dataType, start, increment, value, maxValue, cache, cycle, ownedBy);
    }

    /** These settings with {@code MAXVALUE value}. */
    public SequenceOptions maxValue(long value) {
        return new SequenceOptions(dataType, start, increment, minValue, value, cache, cycle, ownedBy);
    }

    /** These settings with {@code CACHE value}: how many numbers a session preallocates. */
    public SequenceOptions cache(long value) {
        return new SequenceOptions(dataType, start, increment, minValue, maxValue, value, cycle, ownedBy);
    }

    /** These settings with {@code CYCLE} (wrap around at the limit) or {@code NO CYCLE}. */
    public SequenceOptions cycle(boolean value) {
        return new SequenceOptions(dataType, start, increment, minValue, maxValue, cache, value, ownedBy);
    }

    /** These settings with {@code OWNED BY}; see {@link SequenceOwner}. */
    public SequenceOptions ownedBy(SequenceOwner owner) {
        return new SequenceOptions(dataType, start, increment, minValue, maxValue, cache, cycle, owner);
    }
}
