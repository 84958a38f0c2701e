package dev.retort.operation;

import dev.retort.RetortException;

/**
 * One key of an index: a column or an SQL expression, with its operator class and sort order.
 *
 * <p>Exactly one of {@code column} and {@code expression} is set. Start from {@link #column(String)}
 * or {@link #expression(String)}, for example {@code IndexElement.expression("lower(email)")} or
 * {@code IndexElement.column("created_at").desc()}.
 *
 * @param operatorClass an operator class such as {@code gin_trgm_ops} or {@code text_pattern_ops}, written as given; or null
 * @param collation the collation of the key, such as {@code C}, when it is not the column's own; or null
 */
public record IndexElement(String column, String expression, String operatorClass, boolean descending,
                           NullsOrder nulls, String collation) {
    public IndexElement {
        if ((column == null) == (expression == null)) {
            throw new RetortException("An index element is either a column or an expression; give exactly one of them.");
        }
        Require.optionalName(column, "an index column");
        Require.optionalSql(expression, "an index expression");
        Require.optionalSql(operatorClass, "the operator class of an index element");
        nulls = nulls == null ? NullsOrder.DEFAULT : nulls;
        Require.optionalName(collation, "the collation of an index element");
    }

    /** An element in the collation of its column or expression. */
    public IndexElement(String column, String expression, String operatorClass, boolean descending,
            NullsOrder nulls) {
        this(column, expression, operatorClass, descending, nulls, null);
    }

    /** An ascending element on column {@code name}. */
    public static IndexElement column(String name) {
        return new IndexElement(name, null, null, false, NullsOrder.DEFAULT);
    }

    /** An ascending element on an SQL expression such as {@code lower(email)}. */
    public static IndexElement expression(String sql) {
        return new IndexElement(null, sql, null, false, NullsOrder.DEFAULT);
    }

    /** This element, sorted ascending. */
    public IndexElement asc() {
        return new IndexElement(column, expression, operatorClass, false, nulls, collation);
    }

    /** This element, sorted descending. */
    public IndexElement desc() {
        return new IndexElement(column, expression, operatorClass, true, nulls, collation);
    }

    /** This element with nulls sorted first. */
    public IndexElement nullsFirst() {
        return new IndexElement(column, expression, operatorClass, descending, NullsOrder.FIRST, collation);
    }

    /** This element with nulls sorted last. */
    public IndexElement nullsLast() {
        return new IndexElement(column, expression, operatorClass, descending, NullsOrder.LAST, collation);
    }

    /** This element in collation {@code name}, for example {@code C} ({@code COLLATE "C"}). */
    public IndexElement collation(String name) {
        return new IndexElement(column, expression, operatorClass, descending, nulls, name);
    }

    /** This element using operator class {@code name}, for example {@code gin_trgm_ops}. */
    public IndexElement operatorClass(String name) {
        return new IndexElement(column, expression, name, descending, nulls, collation);
    }
}
