package dev.retort.operation;

import java.util.Arrays;
import java.util.List;

/**
 * A primary key over one or more columns; {@link Operations#primaryKey(String...)} makes one.
 *
 * @param include non-key columns stored in the key's index ({@code INCLUDE}); empty for none
 */
public record PrimaryKeyDef(String name, List<String> columns, List<String> include) implements TableConstraint {
    public PrimaryKeyDef {
        Require.optionalName(name, "the primary key's name");
        columns = Require.nonEmptyNames(columns, "the primary key's columns");
        include = Require.names(include == null ? List.of() : include, "the primary key's included columns");
    }

    /** A primary key that includes no other columns. */
    public PrimaryKeyDef(String name, List<String> columns) {
        this(name, columns, List.of());
    }

    /** This primary key, named {@code name}. */
    public PrimaryKeyDef named(String name) {
        return new PrimaryKeyDef(name, columns, include);
    }

    /** This primary key, its index storing {@code columns} too ({@code INCLUDE}), for index-only scans. */
    public PrimaryKeyDef include(String... columns) {
        return new PrimaryKeyDef(name, this.columns, Arrays.asList(columns));
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
