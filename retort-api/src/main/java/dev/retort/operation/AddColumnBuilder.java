package dev.retort.operation;

/** Options of {@code op.addColumn(...)}. */
public final class AddColumnBuilder {
    private final ColumnDef column;
    private QualifiedName table;
    private boolean ifNotExists;

    AddColumnBuilder(QualifiedName table, ColumnDef column) {
        this.table = table;
        this.column = column;
    }

    /** Adds the column to the table in {@code schema}. */
    public AddColumnBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** Does nothing, instead of failing, when the column exists ({@code IF NOT EXISTS}). */
    public AddColumnBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    AddColumn build() {
        return new AddColumn(table, column, ifNotExists);
    }
}
