package dev.retort.operation;

/**
 * Creates a cast from type {@code source} to type {@code target} that goes through the types' text forms ({@code
 * WITH INOUT}), as Hibernate's named enum types have from and to {@code varchar}.
 *
 * <p>The types are SQL text, as a column's type is ({@code character varying}, {@code billing.status}).
 */
public record CreateCast(String source, String target, CastContext context) implements Operation {
    public CreateCast {
        Require.sql(source, "the source type of a cast");
        Require.sql(target, "the target type of a cast");
        Require.present(context, "the context of the cast from " + source + " to " + target);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
