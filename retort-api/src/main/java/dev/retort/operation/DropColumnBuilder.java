package dev.retort.operation;

/** Options of {@code op.dropColumn(...)}. */
public final class DropColumnBuilder {
    private final String column;
    private QualifiedName table;
    private boolean ifExists;
    private boolean cascade;
    private boolean only;
    private boolean dropNotNullFirst;

    DropColumnBuilder(QualifiedName table, String column) {
        this.table = table;
        this.column = column;
    }

    /** Drops the column from the table in {@code schema}. */
    public DropColumnBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** Does nothing, instead of failing, when the column does not exist ({@code IF EXISTS}). */
    public DropColumnBuilder ifExists() {
        ifExists = true;
        return this;
    }

    /** Also drops the objects that depend on the column ({@code CASCADE}). */
    public DropColumnBuilder cascade() {
        cascade = true;
        return this;
    }

    /**
     * Drops the column from this table alone ({@code ALTER TABLE ONLY}): the tables that inherit it
     * ({@code INHERITS}) keep it, with their rows' values, as their own. Without it, PostgreSQL drops it from every
     * child that has it from this table alone. For a {@code NOT NULL} column add {@link #dropNotNullFirst()}.
     */
    public DropColumnBuilder only() {
        only = true;
        return this;
    }

    /**
     * Drops the column's {@code NOT NULL} from this table alone first, in the same statement, so that the tables
     * that inherit the column keep their {@code NOT NULL} as their own too: PostgreSQL 18 would leave them one
     * inherited from no parent, which none of them could ever drop. Goes with {@link #only()}.
     */
    public DropColumnBuilder dropNotNullFirst() {
        dropNotNullFirst = true;
        return this;
    }

    DropColumn build() {
        return new DropColumn(table, column, ifExists, cascade, only, dropNotNullFirst);
    }
}
