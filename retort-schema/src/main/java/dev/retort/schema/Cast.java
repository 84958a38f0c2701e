package dev.retort.schema;

import dev.retort.operation.CastContext;
import dev.retort.operation.CreateCast;
import java.util.Comparator;
import java.util.Locale;

/**
 * A cast through the types' text forms ({@code WITH INOUT}) to or from an enum type, as Hibernate creates from and to
 * {@code varchar} for a named enum. The types are {@code format_type()}'s spelling, as a column's type is.
 */
public record Cast(String source, String target, CastContext context) {
    static final Comparator<Cast> ORDER = Comparator.comparing(Cast::source).thenComparing(Cast::target);

    /** Whether this cast and {@code other} convert between the same types, in the same direction. */
    public boolean sameTypes(Cast other) {
        return source.equals(other.source) && target.equals(other.target);
    }

    /** The operation that creates this cast. */
    public CreateCast create() {
        return new CreateCast(source, target, context);
    }

    @Override
    public String toString() {
        return "cast " + source + " as " + target + " with inout"
                + (context == CastContext.EXPLICIT ? "" : " as " + context.name().toLowerCase(Locale.ROOT));
    }
}
