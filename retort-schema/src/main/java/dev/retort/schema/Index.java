package dev.retort.schema;

import dev.retort.operation.IndexElement;
import java.util.List;

/**
 * An index that no constraint owns.
 *
 * @param method the access method ({@code btree}, {@code gin}, ...)
 * @param elements the key columns or expressions, with sort order and operator class where not default
 * @param include the {@code INCLUDE} columns
 * @param predicate the partial index's {@code WHERE} condition as PostgreSQL prints it, or null
 */
public record Index(String name, boolean unique, String method, List<IndexElement> elements, List<String> include,
        String predicate) {
    public Index {
        elements = List.copyOf(elements);
        include = List.copyOf(include);
    }
}
