package dev.retort.operation;

import java.util.List;

/** A unique constraint over one or more columns; {@link Operations#unique(String...)} makes one. */
public record UniqueDef(String name, List<String> columns, Deferral deferral) implements TableConstraint {
    public UniqueDef {
        Require.optionalName(name, "the unique constraint's name");
        columns = Require.nonEmptyNames(columns, "the unique constraint's columns");
        deferral = deferral == null ? Deferral.NOT_DEFERRABLE : deferral;
    }

    /** This constraint, named {@code name}. */
    public UniqueDef named(String name) {
        return new UniqueDef(name, columns, deferral);
    }

    /** This constraint, {@code DEFERRABLE} (checked per statement unless a transaction defers it). */
    public UniqueDef deferrable() {
        return new UniqueDef(name, columns, Deferral.INITIALLY_IMMEDIATE);
    }

    /** This constraint, {@code DEFERRABLE INITIALLY DEFERRED} (checked at commit). */
    public UniqueDef initiallyDeferred() {
        return new UniqueDef(name, columns, Deferral.INITIALLY_DEFERRED);
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
