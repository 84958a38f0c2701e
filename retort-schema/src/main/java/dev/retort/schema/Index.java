package dev.retort.schema;

import dev.retort.operation.IndexElement;
import java.util.List;
import java.util.Map;

/**
 * An index that no constraint owns.
 *
 * @param nullsNotDistinct whether the unique index counts keys that hold nulls as equal ({@code NULLS NOT DISTINCT},
 *     PostgreSQL 15 and later); false for an index that is not unique
 * @param method the access method ({@code btree}, {@code gin}, ...)
 * @param elements the key columns or expressions, with sort order and operator class where not default
 * @param include the {@code INCLUDE} columns
 * @param predicate the partial index's {@code WHERE} condition as PostgreSQL prints it, or null
 * @param storage the storage parameters set on it ({@code WITH (fillfactor = 70)}, {@code pg_class.reloptions}), each
 *     name to its value as the catalog keeps it; empty when all are the access method's defaults
 */
public record Index(String name, boolean unique, boolean nullsNotDistinct, String method, List<IndexElement> elements,
        List<String> include, String predicate, Map<String, String> storage) {
    public Index {
        elements = List.copyOf(elements);
        include = List.copyOf(include);
        storage = Map.copyOf(storage);
    }

    /** An index with the access method's default storage parameters. */
    public Index(String name, boolean unique, boolean nullsNotDistinct, String method, List<IndexElement> elements,
            List<String> include, String predicate) {
        this(name, unique, nullsNotDistinct, method, elements, include, predicate, Map.of());
    }

    /** The same index with {@code storage} instead of its own storage parameters. */
    public Index withStorage(Map<String, String> storage) {
        return new Index(name, unique, nullsNotDistinct, method, elements, include, predicate, storage);
    }

    /** An index under which nulls are distinct, as they are by default. */
    public Index(String name, boolean unique, String method, List<IndexElement> elements, List<String> include,
            String predicate) {
        this(name, unique, false, method, elements, include, predicate);
    }
}
