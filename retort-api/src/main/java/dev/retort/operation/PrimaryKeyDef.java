package dev.retort.operation;

import java.util.List;

/** A primary key over one or more columns; {@link Operations#primaryKey(String...)} makes one. */
public record PrimaryKeyDef(String name, List<String> columns) implements TableConstraint {
    public PrimaryKeyDef {
        Require.optionalName(name, "the primary key's name");
        columns = Require.nonEmptyNames(columns, "the primary key's columns");
    }

    /** This primary key, named {@code name}. */
    public PrimaryKeyDef named(String name) {
        return new PrimaryKeyDef(name, columns);
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
