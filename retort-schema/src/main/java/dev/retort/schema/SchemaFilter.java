package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which objects take part in introspection and comparison.
 *
 * @param schemas the schemas to read (empty: the default schema, {@code public}, only)
 * @param excludedTables tables never part of the model: the version table, and any the user lists
 * @param excludedPatterns the globs of more tables never part of it ({@code legacy_*}, {@code audit.*})
 * @param claimedTables tables the model describes: not left out for inheriting ({@code INHERITS}) from an excluded
 *     table, as its other children are; those it names itself still are
 */
public record SchemaFilter(List<String> schemas, Set<QualifiedName> excludedTables,
        List<TablePattern> excludedPatterns, Set<QualifiedName> claimedTables) {
    /** A filter that excludes tables by their exact names alone. */
    public SchemaFilter(List<String> schemas, Set<QualifiedName> excludedTables) {
        this(schemas, excludedTables, List.of());
    }

    /** A filter that claims no table. */
    public SchemaFilter(List<String> schemas, Set<QualifiedName> excludedTables,
            List<TablePattern> excludedPatterns) {
        this(schemas, excludedTables, excludedPatterns, Set.of());
    }

    public SchemaFilter {
        schemas = List.copyOf(schemas);
        excludedTables = Set.copyOf(excludedTables);
        excludedPatterns = List.copyOf(excludedPatterns);
        claimedTables = Set.copyOf(claimedTables);
    }

    /** The same filter, claiming {@code tables} (see {@link #claimedTables()}). */
    public SchemaFilter claiming(Set<QualifiedName> tables) {
        return new SchemaFilter(schemas, excludedTables, excludedPatterns, tables);
    }

    /** The default schema only, without the given version table. */
    public static SchemaFilter defaultSchema(String versionTable) {
        return new SchemaFilter(List.of(), Set.of(QualifiedName.of(versionTable)));
    }

    /**
     * The tables of {@code tables} (those the filter includes by name) that inherit ({@code INHERITS}) from no excluded
     * table, directly or through others: a child goes with its parent, as a partition goes with its partitioned table.
     * An old database partitioned by inheritance, before PostgreSQL had partitioning, is one family all the same; a
     * child left in the comparison without its parent would be compared with a model that cannot describe it. Claimed
     * tables stay (see {@link #claimedTables()}), and so do their own children.
     */
    public List<Table> withoutChildrenOfExcluded(List<Table> tables) {
        Map<QualifiedName, Table> byName = new HashMap<>();
        tables.forEach(table -> byName.put(table.name(), table));
        Set<QualifiedName> excluded = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Table table : tables) {
                if (!excluded.contains(table.name()) && !claimedTables.contains(table.name())
                        && table.inherits().stream().anyMatch(parent -> excluded.contains(parent)
                                || !byName.containsKey(parent) && !includes(parent))) {
                    grew = excluded.add(table.name());
                }
            }
        }
        return tables.stream().filter(table -> !excluded.contains(table.name())).toList();
    }

    /** Whether {@code table} is left in, by its name; a table may still go with an excluded table it belongs to. */
    public boolean includes(QualifiedName table) {
        return !excludedTables.contains(table) && excludedPatterns.stream().noneMatch(p -> p.matches(table));
    }
}
