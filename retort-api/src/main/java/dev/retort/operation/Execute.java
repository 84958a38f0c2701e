package dev.retort.operation;

/**
 * Runs SQL written by hand: one statement, or several separated by {@code ;}.
 *
 * <p>The dialect splits the text into statements the way {@code psql} would, so strings,
 * comments and dollar-quoted function bodies may contain semicolons.
 */
public record Execute(String sql) implements Operation {
    public Execute {
        Require.sql(sql, "the SQL to execute");
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
