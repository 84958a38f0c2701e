package dev.retort.operation;

import dev.retort.RetortException;
import java.util.List;
import java.util.Map;

/**
 * Creates an index on a table; the index lives in the table's schema.
 *
 * @param nullsNotDistinct whether keys that hold nulls count as equal in the unique index ({@code NULLS NOT DISTINCT},
 *     PostgreSQL 15 and later)
 * @param method the index method ({@code USING gin}, {@code gist}, {@code brin}, ...), or null for btree
 * @param include non-key columns stored in the index ({@code INCLUDE}); empty for none
 * @param where the predicate of a partial index, SQL text, or null
 * @param concurrently build without locking out writes; PostgreSQL refuses this inside a transaction
 * @param storage storage parameters ({@code WITH (fillfactor = 70)}), each name to its value as SQL text, sorted by
 *     name; empty for the access method's defaults
 */
public record CreateIndex(String name, QualifiedName table, List<IndexElement> elements, boolean unique,
                          boolean nullsNotDistinct, String method, List<String> include, String where,
                          boolean ifNotExists, boolean concurrently, Map<String, String> storage) implements Operation {
    public CreateIndex {
        Require.name(name, "the name of a new index");
        Require.present(table, "the table of index " + name);
        elements = List.copyOf(Require.present(elements, "the columns of index " + name));
        if (elements.isEmpty()) {
            throw new RetortException("Index " + name + " has no columns or expressions; list at least one.");
        }
        if (nullsNotDistinct && !unique) {
            // PostgreSQL takes the clause on any index, but it means something on a unique one only.
            throw new RetortException("Index " + name + " is NULLS NOT DISTINCT but not unique; make it unique "
                    + "with unique(), or leave nullsNotDistinct() out.");
        }
        Require.optionalName(method, "the method of index " + name);
        include = Require.names(include == null ? List.of() : include, "the included columns of index " + name);
        Require.optionalSql(where, "the WHERE predicate of index " + name);
        storage = Require.storageParameters(storage == null ? Map.of() : storage, "index " + name);
    }

    /** An index with the access method's default storage parameters. */
    public CreateIndex(String name, QualifiedName table, List<IndexElement> elements, boolean unique,
            boolean nullsNotDistinct, String method, List<String> include, String where, boolean ifNotExists,
            boolean concurrently) {
        this(name, table, elements, unique, nullsNotDistinct, method, include, where, ifNotExists, concurrently,
                Map.of());
    }

    /** An index under which nulls are distinct, as they are by default. */
    public CreateIndex(String name, QualifiedName table, List<IndexElement> elements, boolean unique, String method,
            List<String> include, String where, boolean ifNotExists, boolean concurrently) {
        this(name, table, elements, unique, false, method, include, where, ifNotExists, concurrently);
    }

    @Override
    public boolean requiresAutocommit() {
        return concurrently;
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
