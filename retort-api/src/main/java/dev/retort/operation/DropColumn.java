package dev.retort.operation;

import dev.retort.RetortException;

/**
 * Drops a column from a table.
 *
 * @param ifExists render {@code IF EXISTS}
 * @param cascade also drop objects that depend on the column ({@code CASCADE})
 * @param only drop it from {@code table} alone ({@code ALTER TABLE ONLY}): the tables that inherit it keep it, with
 *     their rows' values, as their own, where a plain drop would drop it from those that have it from this table alone
 * @param dropNotNullFirst drop the column's {@code NOT NULL} from {@code table} alone in the same statement, before
 *     the column, so that the tables that inherit it keep theirs as their own too: PostgreSQL 18 would leave them an
 *     inherited one with no parent, which none can drop. Only with {@code only}
 */
public record DropColumn(QualifiedName table, String column, boolean ifExists, boolean cascade, boolean only,
        boolean dropNotNullFirst) implements Operation {
    public DropColumn {
        Require.present(table, "the table to drop a column from");
        Require.name(column, "the column to drop from table " + table);
        if (dropNotNullFirst && !only) {
            throw new RetortException("Column " + column + " of table " + table + " drops its NOT NULL first only "
                    + "when it is dropped from the table alone; add .only() or leave out .dropNotNullFirst().");
        }
        if (dropNotNullFirst && ifExists) {
            throw new RetortException("Column " + column + " of table " + table + " cannot be dropped both with "
                    + "IF EXISTS and its NOT NULL first, which fails when the column does not exist; choose one.");
        }
    }

    /** Drops {@code column} from {@code table} and from the tables that have it from {@code table} alone. */
    public DropColumn(QualifiedName table, String column, boolean ifExists, boolean cascade) {
        this(table, column, ifExists, cascade, false, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
