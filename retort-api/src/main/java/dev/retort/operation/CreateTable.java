package dev.retort.operation;

import dev.retort.RetortException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates a table with its columns and table constraints, and comments on it and its columns.
 *
 * <p>Columns marked {@link ColumnDef#primaryKey()} together form the primary key, as in SQLAlchemy;
 * a table has either such columns or one {@link PrimaryKeyDef}, not both.
 *
 * @param comment the table's comment, or null
 * @param ifNotExists render {@code IF NOT EXISTS}
 * @param inherits the tables this one inherits from ({@code INHERITS (...)}), in order; empty for none. The
 *     columns and checks they pass down may be listed too: PostgreSQL merges those of the same definition.
 * @param unlogged render {@code CREATE UNLOGGED TABLE} (see {@link SetTablePersistence})
 * @param storage storage parameters ({@code WITH (fillfactor = 70)}), each name to its value as SQL text, sorted by
 *     name; empty for PostgreSQL's defaults
 */
public record CreateTable(QualifiedName table, List<ColumnDef> columns, List<TableConstraint> constraints,
                          String comment, boolean ifNotExists, List<QualifiedName> inherits, boolean unlogged,
                          Map<String, String> storage)
        implements Operation {
    /** A table that inherits from none. */
    public CreateTable(QualifiedName table, List<ColumnDef> columns, List<TableConstraint> constraints,
            String comment, boolean ifNotExists) {
        this(table, columns, constraints, comment, ifNotExists, List.of());
    }

    /** A logged table. */
    public CreateTable(QualifiedName table, List<ColumnDef> columns, List<TableConstraint> constraints,
            String comment, boolean ifNotExists, List<QualifiedName> inherits) {
        this(table, columns, constraints, comment, ifNotExists, inherits, false);
    }

    /** A table with PostgreSQL's default storage parameters. */
    public CreateTable(QualifiedName table, List<ColumnDef> columns, List<TableConstraint> constraints,
            String comment, boolean ifNotExists, List<QualifiedName> inherits, boolean unlogged) {
        this(table, columns, constraints, comment, ifNotExists, inherits, unlogged, Map.of());
    }

    public CreateTable {
        Require.present(table, "the name of a new table");
        inherits = List.copyOf(Require.present(inherits, "the parents of table " + table));
        columns = List.copyOf(Require.present(columns, "the columns of table " + table));
        constraints = List.copyOf(Require.present(constraints, "the constraints of table " + table));
        storage = Require.storageParameters(storage == null ? Map.of() : storage, "table " + table);
        Set<String> seen = new HashSet<>();
        for (ColumnDef column : columns) {
            if (!seen.add(column.name())) {
                throw new RetortException("Table " + table + " declares column " + column.name()
                        + " twice; remove or rename one of them.");
            }
        }
        long primaryKeys = constraints.stream().filter(PrimaryKeyDef.class::isInstance).count();
        boolean primaryKeyColumns = columns.stream().anyMatch(ColumnDef::primaryKey);
        if (primaryKeys > 1 || (primaryKeys == 1 && primaryKeyColumns)) {
            throw new RetortException("Table " + table + " declares more than one primary key; declare it "
                    + "once, either on its columns or as one primaryKey(...) constraint.");
        }
    }

    /** The names of the columns marked as primary key, in declaration order. */
    public List<String> primaryKeyColumns() {
        return columns.stream().filter(ColumnDef::primaryKey).map(ColumnDef::name).toList();
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
