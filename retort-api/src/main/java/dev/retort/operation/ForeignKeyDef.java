package dev.retort.operation;

import dev.retort.RetortException;
import java.util.List;

/**
 * A foreign key: {@code columns} of this table reference {@code referencedColumns} of {@code referencedTable}.
 *
 * <p>{@link Operations#foreignKey(String, String, String)} makes one. An empty
 * {@code referencedColumns} references the other table's primary key.
 */
public record ForeignKeyDef(String name, List<String> columns, QualifiedName referencedTable,
                            List<String> referencedColumns, ForeignKeyAction onDelete, ForeignKeyAction onUpdate,
                            ForeignKeyMatch match, Deferral deferral) implements TableConstraint {
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
        onUpdate = onUpdate == null ? ForeignKeyAction.NO_ACTION : onUpdate;
        match = match == null ? ForeignKeyMatch.SIMPLE : match;
        deferral = deferral == null ? Deferral.NOT_DEFERRABLE : deferral;
    }

    /** A foreign key with the default actions, match and deferral. */
    public static ForeignKeyDef of(List<String> columns, QualifiedName referencedTable, List<String> referencedColumns) {
        return new ForeignKeyDef(null, columns, referencedTable, referencedColumns, ForeignKeyAction.NO_ACTION,
                ForeignKeyAction.NO_ACTION, ForeignKeyMatch.SIMPLE, Deferral.NOT_DEFERRABLE);
    }

    /** This foreign key, named {@code name}. */
    public ForeignKeyDef named(String name) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, match,
                deferral);
    }

    /** This foreign key, referencing a table in {@code schema}. */
    public ForeignKeyDef referencedSchema(String schema) {
        return new ForeignKeyDef(name, columns, referencedTable.inSchema(schema), referencedColumns, onDelete,
                onUpdate, match, deferral);
    }

    /** This foreign key with {@code ON DELETE action}. */
    public ForeignKeyDef onDelete(ForeignKeyAction action) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, action, onUpdate, match,
                deferral);
    }

    /** This foreign key with {@code ON UPDATE action}. */
    public ForeignKeyDef onUpdate(ForeignKeyAction action) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, action, match,
                deferral);
    }

    /** This foreign key with {@code MATCH match}. */
    public ForeignKeyDef match(ForeignKeyMatch match) {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, match,
                deferral);
    }

    /** This foreign key, {@code DEFERRABLE} (checked per statement unless a transaction defers it). */
    public ForeignKeyDef deferrable() {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, match,
                Deferral.INITIALLY_IMMEDIATE);
    }

    /** This foreign key, {@code DEFERRABLE INITIALLY DEFERRED} (checked at commit). */
    public ForeignKeyDef initiallyDeferred() {
        return new ForeignKeyDef(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, match,
                Deferral.INITIALLY_DEFERRED);
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }

    private static String describe(String name, List<String> columns) {
        return name != null ? name : "on " + String.join(", ", columns);
    }
}
