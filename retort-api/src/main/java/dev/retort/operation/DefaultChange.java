package dev.retort.operation;

/**
 * A change to a column's default: a new {@code expression}, or none (a null expression drops the default).
 */
public record DefaultChange(String expression) {
    public DefaultChange {
        Require.optionalSql(expression, "the new default of a column");
    }

    /** Sets the default to an SQL expression such as {@code now()} or {@code 'new'}. */
    public static DefaultChange set(String expression) {
        return new DefaultChange(Require.sql(expression, "the new default of a column"));
    }

    /** Drops the default. */
    public static DefaultChange drop() {
        return new DefaultChange(null);
    }

    /** Whether this change drops the default. */
    public boolean isDrop() {
        return expression == null;
    }
}
