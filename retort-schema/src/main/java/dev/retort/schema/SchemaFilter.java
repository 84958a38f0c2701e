package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import java.util.List;
import java.util.Set;

/**
 * Which objects take part in introspection and comparison.
 *
 * @param schemas the schemas to read (empty: the default schema, {@code public}, only)
 * @param excludedTables tables never part of the model: the version table, and any the user lists
 * @param excludedPatterns the globs of more tables never part of it ({@code legacy_*}, {@code audit.*})
 */
public record SchemaFilter(List<String> schemas, Set<QualifiedName> excludedTables,
        List<TablePattern> excludedPatterns) {
    /** A filter that excludes tables by their exact names alone. */
    public SchemaFilter(List<String> schemas, Set<QualifiedName> excludedTables) {
        this(schemas, excludedTables, List.of());
    }

    public SchemaFilter {
        schemas = List.copyOf(schemas);
        excludedTables = Set.copyOf(excludedTables);
        excludedPatterns = List.copyOf(excludedPatterns);
    }

    /** The default schema only, without the given version table. */
    public static SchemaFilter defaultSchema(String versionTable) {
        return new SchemaFilter(List.of(), Set.of(QualifiedName.of(versionTable)));
    }

    public boolean includes(QualifiedName table) {
        return !excludedTables.contains(table) && excludedPatterns.stream().noneMatch(p -> p.matches(table));
    }
}
