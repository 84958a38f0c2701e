package dev.retort.operation;

/** Something {@code createTable} lists inside the table: a column or a table constraint. */
public sealed interface TableElement permits ColumnDef, TableConstraint {
}
