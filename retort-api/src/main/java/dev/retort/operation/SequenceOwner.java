package dev.retort.operation;

import dev.retort.RetortException;

/**
 * The column a sequence belongs to ({@code OWNED BY}): dropping the column drops the sequence.
 *
 * <p>The table is in the sequence's schema, as PostgreSQL requires. {@link #NONE} detaches the
 * sequence from any column ({@code OWNED BY NONE}).
 */
public record SequenceOwner(String table, String column) {
    /** No owning column: {@code OWNED BY NONE}. */
    public static final SequenceOwner NONE = new SequenceOwner(null, null);

    public SequenceOwner {
        if ((table == null) != (column == null)) {
            throw new RetortException("A sequence is owned by a table's column or by none; "
                    + "give both the table and the column, or use SequenceOwner.NONE.");
        }
        Require.optionalName(table, "the table that owns a sequence");
        Require.optionalName(column, "the column that owns a sequence");
    }

    /** Whether this is {@link #NONE}. */
    public boolean isNone() {
        return table == null;
    }
}
