package dev.retort.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Options of {@code op.createTable(...)}. */
public final class CreateTableBuilder {
    private final List<ColumnDef> columns;
    private final List<TableConstraint> constraints;
    private QualifiedName table;
    private String comment;
    private boolean ifNotExists;
    private boolean unlogged;
    private final List<QualifiedName> inherits = new ArrayList<>();
    private final Map<String, String> storage = new TreeMap<>();

    CreateTableBuilder(QualifiedName table, List<ColumnDef> columns, List<TableConstraint> constraints) {
        this.table = table;
        this.columns = columns;
        this.constraints = constraints;
    }

    /** Creates the table in {@code schema}. */
    public CreateTableBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** Gives the table a comment. */
    public CreateTableBuilder comment(String comment) {
        this.comment = comment;
        return this;
    }

    /** Does nothing, instead of failing, when the table exists ({@code IF NOT EXISTS}). */
    public CreateTableBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    /** Creates the table unlogged ({@code CREATE UNLOGGED TABLE}): emptied after a crash, not replicated. */
    public CreateTableBuilder unlogged() {
        unlogged = true;
        return this;
    }

    /**
     * Sets storage parameter {@code parameter} to {@code value}, SQL text such as {@code 70} or {@code off}
     * ({@code WITH (fillfactor = 70)}); the parameters a table takes are in PostgreSQL's {@code CREATE TABLE}.
     */
    public CreateTableBuilder with(String parameter, String value) {
        storage.put(parameter, value);
        return this;
    }

    /**
     * Makes the table a child of {@code parent} ({@code INHERITS}), which it gets the columns and checks of; call
     * again for more parents. {@code schema} is the parent's schema, null (or none) for an unqualified name.
     */
    public CreateTableBuilder inherits(String parent, String schema) {
        inherits.add(QualifiedName.of(schema, parent));
        return this;
    }

    /** Makes the table a child of {@code parent}, an unqualified name ({@code INHERITS}). */
    public CreateTableBuilder inherits(String parent) {
        return inherits(parent, null);
    }

    CreateTable build() {
        return new CreateTable(table, columns, constraints, comment, ifNotExists, inherits, unlogged, storage);
    }
}
