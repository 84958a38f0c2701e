package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import java.util.List;
import java.util.Set;

/**
 * Which objects take part in introspection and comparison.
 *
 * @param schemas the schemas to read (empty: the default schema, {@code public}, only)
 * @param excludedTables tables never part of the model: the version table, and any the user lists
 */
public record SchemaFilter(List<String> schemas, Set<QualifiedName> excludedTables) {
    public SchemaFilter {
        schemas = List.copyOf(schemas);
        excludedTables = Set.copyOf(excludedTables);
    }

    /** The default schema only, without the given version table. */
    public static SchemaFilter defaultSchema(String versionTable) {
        return new SchemaFilter(List.of(), Set.of(QualifiedName.of(versionTable)));
    }

    public boolean includes(QualifiedName table) {
        return !excludedTables.contains(table);
    }
}
