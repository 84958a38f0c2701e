package dev.retort.operation;

/** Options of {@code op.createCast(...)}: where PostgreSQL applies the cast unasked. */
public final class CreateCastBuilder {
    private final String source;
    private final String target;
    private CastContext context = CastContext.EXPLICIT;

    CreateCastBuilder(String source, String target) {
        this.source = source;
        this.target = target;
    }

    /** Applies the cast in assignments too ({@code AS ASSIGNMENT}). */
    public CreateCastBuilder asAssignment() {
        context = CastContext.ASSIGNMENT;
        return this;
    }

    /** Applies the cast anywhere an expression needs it ({@code AS IMPLICIT}). */
    public CreateCastBuilder asImplicit() {
        context = CastContext.IMPLICIT;
        return this;
    }

    CreateCast build() {
        return new CreateCast(source, target, context);
    }
}
