package dev.retort.operation;

import java.util.Arrays;
import java.util.List;

/**
 * A unique constraint over one or more columns; {@link Operations#unique(String...)} makes one.
 *
 * @param nullsNotDistinct whether rows whose keys hold nulls count as equal ({@code NULLS NOT DISTINCT},
 *     PostgreSQL 15 and later), so that the constraint refuses a second {@code (null, 1)}
 * @param include non-key columns stored in the constraint's index ({@code INCLUDE}); empty for none
 */
public record UniqueDef(String name, List<String> columns, Deferral deferral, boolean nullsNotDistinct,
        List<String> include) implements TableConstraint {
    public UniqueDef {
        Require.optionalName(name, "the unique constraint's name");
        columns = Require.nonEmptyNames(columns, "the unique constraint's columns");
        deferral = deferral == null ? Deferral.NOT_DEFERRABLE : deferral;
        include = Require.names(include == null ? List.of() : include, "the unique constraint's included columns");
    }

    /** A constraint that includes no other columns. */
    public UniqueDef(String name, List<String> columns, Deferral deferral, boolean nullsNotDistinct) {
        this(name, columns, deferral, nullsNotDistinct, List.of());
    }

    /** A constraint under which nulls are distinct, as they are by default, and that includes no other columns. */
    public UniqueDef(String name, List<String> columns, Deferral deferral) {
        this(name, columns, deferral, false);
    }

    /** This constraint, named {@code name}. */
    public UniqueDef named(String name) {
        return new UniqueDef(name, columns, deferral, nullsNotDistinct, include);
    }

    /** This constraint, {@code DEFERRABLE} (checked per statement unless a transaction defers it). */
    public UniqueDef deferrable() {
        return new UniqueDef(name, columns, Deferral.INITIALLY_IMMEDIATE, nullsNotDistinct, include);
    }

    /** This constraint, {@code DEFERRABLE INITIALLY DEFERRED} (checked at commit). */
    public UniqueDef initiallyDeferred() {
        return new UniqueDef(name, columns, Deferral.INITIALLY_DEFERRED, nullsNotDistinct, include);
    }

    /**
     * This constraint, {@code NULLS NOT DISTINCT} when {@code nullsNotDistinct} holds (PostgreSQL 15 and later):
     * keys that hold nulls count as equal, so only one row may have each.
     */
    public UniqueDef nullsNotDistinct(boolean nullsNotDistinct) {
        return new UniqueDef(name, columns, deferral, nullsNotDistinct, include);
    }

    /** This constraint, its index storing {@code columns} too ({@code INCLUDE}), for index-only scans. */
    public UniqueDef include(String... columns) {
        return new UniqueDef(name, this.columns, deferral, nullsNotDistinct, Arrays.asList(columns));
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
