package dev.retort.operation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Options of {@code op.createIndex(...)}. */
public final class CreateIndexBuilder {
    private final String name;
    private final List<IndexElement> elements;
    private QualifiedName table;
    private boolean unique;
    private boolean nullsNotDistinct;
    private String method;
    private List<String> include = List.of();
    private String where;
    private boolean ifNotExists;
    private boolean concurrently;
    private final Map<String, String> storage = new TreeMap<>();

    CreateIndexBuilder(String name, QualifiedName table, List<IndexElement> elements) {
        this.name = name;
        this.table = table;
        this.elements = elements;
    }

    /** Indexes the table in {@code schema}; the index is created there too. */
    public CreateIndexBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** Makes the index unique. */
    public CreateIndexBuilder unique() {
        unique = true;
        return this;
    }

    /**
     * Makes keys that hold nulls count as equal in the unique index ({@code NULLS NOT DISTINCT}, PostgreSQL 15 and
     * later), so only one row may have each.
     */
    public CreateIndexBuilder nullsNotDistinct() {
        nullsNotDistinct = true;
        return this;
    }

    /** Uses index method {@code method}, such as {@code gin}, {@code gist} or {@code brin} (btree otherwise). */
    public CreateIndexBuilder using(String method) {
        this.method = method;
        return this;
    }

    /** Stores the non-key {@code columns} in the index ({@code INCLUDE}), for index-only scans. */
    public CreateIndexBuilder include(String... columns) {
        include = List.of(columns);
        return this;
    }

    /** Makes the index partial: only rows matching the SQL {@code predicate} are indexed. */
    public CreateIndexBuilder where(String predicate) {
        where = predicate;
        return this;
    }

    /**
     * Sets storage parameter {@code parameter} to {@code value}, SQL text such as {@code 70} or {@code off}
     * ({@code WITH (fillfactor = 70)}); the parameters the index method takes are in PostgreSQL's {@code CREATE INDEX}.
     */
    public CreateIndexBuilder with(String parameter, String value) {
        storage.put(parameter, value);
        return this;
    }

    /** Does nothing, instead of failing, when the index exists ({@code IF NOT EXISTS}). */
    public CreateIndexBuilder ifNotExists() {
        ifNotExists = true;
        return this;
    }

    /**
     * Builds the index without blocking writes ({@code CONCURRENTLY}).
     *
     * <p>PostgreSQL refuses this in a transaction block, so the runner runs it on its own, after
     * committing what came before.
     */
    public CreateIndexBuilder concurrently() {
        concurrently = true;
        return this;
    }

    CreateIndex build() {
        return new CreateIndex(name, table, elements, unique, nullsNotDistinct, method, include, where, ifNotExists,
                concurrently, storage);
    }
}
