package dev.retort.schema;

import dev.retort.operation.IndexElement;
import java.util.List;

/**
 * An index that no constraint owns.
 *
 * @param nullsNotDistinct whether the unique index counts keys that hold nulls as equal ({@code NULLS NOT DISTINCT},
 *     PostgreSQL 15 and later); false for an index that is not unique
 * @param method the access method ({@code btree}, {@code gin}, ...)
 * @param elements the key columns or expressions, with sort order and operator class where not default
 * @param include the {@code INCLUDE} columns
 * @param predicate the partial index's {@code WHERE} condition as PostgreSQL prints it, or null
 */
public record Index(String name, boolean unique, boolean nullsNotDistinct, String method, List<IndexElement> elements,
        List<String> include, String predicate) {
    public Index {
        elements = List.copyOf(elements);
        include = List.copyOf(include);
    }

    /** An index under which nulls are distinct, as they are by default. */
    public Index(String name, boolean unique, String method, List<IndexElement> elements, List<String> include,
            String predicate) {
        this(name, unique, false, method, elements, include, predicate);
    }
}
