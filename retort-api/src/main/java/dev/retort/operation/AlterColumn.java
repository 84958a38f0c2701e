package dev.retort.operation;

import dev.retort.RetortException;

/**
 * Changes a column's type, nullability, default, comment or name; a null component leaves that
 * property as it is.
 *
 * <p>The changes apply together, the rename last, so every other change names the column by its
 * old name.
 *
 * @param type the new type and conversion, or null
 * @param nullable {@code true} drops {@code NOT NULL}, {@code false} sets it, null leaves it
 * @param defaultValue the new default or its removal, or null
 * @param comment the new comment or its removal, or null
 * @param newName the column's new name, or null
 */
public record AlterColumn(QualifiedName table, String column, TypeChange type, Boolean nullable,
                          DefaultChange defaultValue, CommentChange comment, String newName) implements Operation {
    public AlterColumn {
        Require.present(table, "the table of the column to alter");
        Require.name(column, "the column to alter in table " + table);
        Require.optionalName(newName, "the new name of column " + column + " of table " + table);
        if (type == null && nullable == null && defaultValue == null && comment == null && newName == null) {
            throw new RetortException("Altering column " + column + " of table " + table + " changes nothing; "
                    + "give it a new type, nullability, default, comment or name.");
        }
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
