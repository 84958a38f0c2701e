package dev.retort.operation;

import dev.retort.RetortException;
import java.util.Arrays;
import java.util.List;

/**
 * A foreign key: {@code columns} of this table reference {@code referencedColumns} of {@code referencedTable}.
 *
 * <p>{@link Operations#foreignKey(String, String, String)} makes one. An empty
 * {@code referencedColumns} references the other table's primary key.
 *
 * @param onDeleteColumns the columns that {@code ON DELETE SET NULL} or {@code SET DEFAULT} sets, when not all of
 *     {@code columns} (PostgreSQL 15 and later); empty for all, which a list of every column becomes
 */
public record ForeignKeyDef(String name, List<String> columns, QualifiedName referencedTable,
                            List<String> referencedColumns, ForeignKeyAction onDelete, List<String> onDeleteColumns,
                            ForeignKeyAction onUpdate, ForeignKeyMatch match, Deferral deferral)
        implements TableConstraint {
    public ForeignKeyDef {
        Require.optionalName(name, "the foreign key's name");
        columns = Require.nonEmptyNames(columns, "the foreign key's columns");
        Require.present(referencedTable, "the table that foreign key " + describe(name, columns) + " references");
        referencedColumns = Require.names(referencedColumns, "the referenced columns");
        if (!referencedColumns.isEmpty() && referencedColumns.size() != columns.size()) {
            throw new RetortException("Foreign key " + describe(name, columns) + " has " + columns.size()
                    + " column(s) but references " + referencedColumns.size() + " in " + referencedTable
                    + "; list as many referenced columns as columns.");
        }
        onDelete = onDelete == null ? ForeignKeyAction.NO_ACTION : onDelete;
        onDeleteColumns = Require.names(onDeleteColumns == null ? List.of() : onDeleteColumns,
                "the columns that foreign key " + describe(name, columns) + " sets on delete");
        checkOnDeleteColumns(name, columns, onDelete, onDeleteColumns);
        if (onDeleteColumns.containsAll(columns)) {
            // Setting every column is what the action does without a list: one form, so that both compare equal.
            onDeleteColumns = List.of();
        }
        onUpdate = onUpdate == null ? ForeignKeyAction.NO_ACTION : onUpdate;
        match = match == null ? ForeignKeyMatch.SIMPLE : match;
        deferral = deferral == null ? Deferral.NOT_DEFERRABLE : deferral;
    }

    /** A foreign key whose {@code ON DELETE} sets all of its columns, if it sets any. */
    public ForeignKeyDef(String name, List<String> columns, QualifiedName referencedTable,
            List<String> referencedColumns, ForeignKeyAction onDelete, ForeignKeyAction onUpdate, ForeignKeyMatch match,
            Deferral deferral) {
        this(name, columns, referencedTable, referencedColumns, onDelete, List.of(), onUpdate, match, deferral);
    }

    /** A foreign key with the default actions, match and deferral. */
    public static ForeignKeyDef of(List<String> columns, QualifiedName referencedTable, List<String> referencedColumns) {
        return new ForeignKeyDef(null, columns, referencedTable, referencedColumns, ForeignKeyAction.NO_ACTION,
                List.of(), ForeignKeyAction.NO_ACTION, ForeignKeyMatch.SIMPLE, Deferral.NOT_DEFERRABLE);
    }

    /** This foreign key, named {@code name}. */
    public ForeignKeyDef named(String name) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onDeleteColumns,
                onUpdate, match, deferral);
    }

    /** This foreign key, referencing a table in {@code schema}. */
    public ForeignKeyDef referencedSchema(String schema) {
        return new ForeignKeyDef(name, columns, referencedTable.inSchema(schema), referencedColumns, onDelete,
                onDeleteColumns, onUpdate, match, deferral);
    }

    /** This foreign key with {@code ON DELETE action}. */
    public ForeignKeyDef onDelete(ForeignKeyAction action) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, action, List.of(), onUpdate, match,
                deferral);
    }

    /**
     * This foreign key with {@code ON DELETE SET NULL (columns)} or {@code SET DEFAULT (columns)} (PostgreSQL 15 and
     * later): deleting the referenced row sets only these of its columns, such as the {@code author_id} of a key
     * {@code (tenant_id, author_id)} whose {@code tenant_id} is {@code NOT NULL}. No columns means all of them.
     */
    public ForeignKeyDef onDelete(ForeignKeyAction action, String... columns) {
        return new ForeignKeyDef(name, this.columns, referencedTable, referencedColumns, action, Arrays.asList(columns),
                onUpdate, match, deferral);
    }

    /** This foreign key with {@code ON UPDATE action}. */
    public ForeignKeyDef onUpdate(ForeignKeyAction action) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onDeleteColumns, action,
                match, deferral);
    }

    /** This foreign key with {@code MATCH match}. */
    public ForeignKeyDef match(ForeignKeyMatch match) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onDeleteColumns,
                onUpdate, match, deferral);
    }

    /** This foreign key, {@code DEFERRABLE} (checked per statement unless a transaction defers it). */
    public ForeignKeyDef deferrable() {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onDeleteColumns,
                onUpdate, match, Deferral.INITIALLY_IMMEDIATE);
    }

    /** This foreign key, {@code DEFERRABLE INITIALLY DEFERRED} (checked at commit). */
    public ForeignKeyDef initiallyDeferred() {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onDeleteColumns,
                onUpdate, match, Deferral.INITIALLY_DEFERRED);
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }

    /** Refuses what PostgreSQL would refuse when the key is added, while the migration is written. */
    private static void checkOnDeleteColumns(String name, List<String> columns, ForeignKeyAction onDelete,
            List<String> onDeleteColumns) {
        if (onDeleteColumns.isEmpty()) {
            return;
        }
        if (onDelete != ForeignKeyAction.SET_NULL && onDelete != ForeignKeyAction.SET_DEFAULT) {
            throw new RetortException("Foreign key " + describe(name, columns) + " lists columns for ON DELETE "
                    + onDelete + ", but only SET_NULL and SET_DEFAULT set columns; leave the columns out.");
        }
        for (String column : onDeleteColumns) {
            if (!columns.contains(column)) {
                throw new RetortException("Foreign key " + describe(name, columns) + " sets " + column
                        + " on delete, which is not one of its columns; list only some of "
                        + String.join(", ", columns) + ".");
            }
        }
    }

    private static String describe(String name, List<String> columns) {
        return name != null ? name : "on " + String.join(", ", columns);
    }
}
