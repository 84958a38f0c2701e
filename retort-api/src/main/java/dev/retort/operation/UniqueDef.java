package dev.retort.operation;

import java.util.List;

/**
 * A unique constraint over one or more columns; {@link Operations#unique(String...)} makes one.
 *
 * @param nullsNotDistinct whether rows whose keys hold nulls count as equal ({@code NULLS NOT DISTINCT},
 *     PostgreSQL 15 and later), so that the constraint refuses a second {@code (null, 1)}
 */
public record UniqueDef(String name, List<String> columns, Deferral deferral, boolean nullsNotDistinct)
        implements TableConstraint {
    public UniqueDef {
        Require.optionalName(name, "the unique constraint's name");
        columns = Require.nonEmptyNames(columns, "the unique constraint's columns");
        deferral = deferral == null ? Deferral.NOT_DEFERRABLE : deferral;
    }

    /** A constraint under which nulls are distinct, as they are by default. */
    public UniqueDef(String name, List<String> columns, Deferral deferral) {
        this(name, columns, deferral, false);
    }

    /** This constraint, named {@code name}. */
    public UniqueDef named(String name) {
        return new UniqueDef(name, columns, deferral, nullsNotDistinct);
    }

    /** This constraint, {@code DEFERRABLE} (checked per statement unless a transaction defers it). */
    public UniqueDef deferrable() {
        return new UniqueDef(name, columns, Deferral.INITIALLY_IMMEDIATE, nullsNotDistinct);
    }

    /** This constraint, {@code DEFERRABLE INITIALLY DEFERRED} (checked at commit). */
    public UniqueDef initiallyDeferred() {
        return new UniqueDef(name, columns, Deferral.INITIALLY_DEFERRED, nullsNotDistinct);
    }

    /**
     * This constraint, {@code NULLS NOT DISTINCT} when {@code nullsNotDistinct} holds (PostgreSQL 15 and later):
     * keys that hold nulls count as equal, so only one row may have each.
     */
    public UniqueDef nullsNotDistinct(boolean nullsNotDistinct) {
        return new UniqueDef(name, columns, deferral, nullsNotDistinct);
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
