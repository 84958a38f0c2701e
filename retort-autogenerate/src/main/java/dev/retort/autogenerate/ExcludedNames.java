package dev.retort.autogenerate;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.TablePattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables {@code exclude_tables} names (or the sequences {@code exclude_sequences} names, the enum types
 * {@code exclude_types} names), as the comparison reads their entries: exact names, and globs.
 *
 * @param names the exact names, each as written and as PostgreSQL folds a name written without quotes
 * @param patterns the globs, each as written and folded to lower case
 */
record ExcludedNames(Set<QualifiedName> names, List<TablePattern> patterns) {
    ExcludedNames {
        names = Set.copyOf(names);
        patterns = List.copyOf(patterns);
    }

    /**
     * Reads {@code entries}.
     *
     * @param home the schema whose objects carry no schema in the comparison (see {@link HomeSchema})
     */
    static ExcludedNames of(List<String> entries, String home) {
        Set<QualifiedName> names = new HashSet<>();
        List<TablePattern> patterns = new ArrayList<>();
        for (String entry : entries) {
            if (TablePattern.isGlob(entry)) {
                patterns.add(TablePattern.of(entry, home));
                patterns.add(TablePattern.of(entry.toLowerCase(Locale.ROOT), home));
                continue;
            }
            int dot = entry.indexOf('.');
            String schema = dot < 0 ? null : entry.substring(0, dot);
            String name = entry.substring(dot + 1);
            // "public.tags" (or "tenant_a.tags" where that is the default schema) means the same table as "tags".
            boolean unqualified = "public".equals(schema) || home.equals(schema);
            names.add(QualifiedName.of(unqualified ? null : schema, name));
            // And as PostgreSQL takes a name written without quotes: "DATABASECHANGELOG" is databasechangelog.
            String folded = schema == null ? null : schema.toLowerCase(Locale.ROOT);
            boolean foldedUnqualified = "public".equals(folded) || home.equals(folded);
            names.add(QualifiedName.of(foldedUnqualified ? null : folded, name.toLowerCase(Locale.ROOT)));
        }
        return new ExcludedNames(names, patterns);
    }

    /** Whether an entry names {@code name} (with no schema for the home schema's). */
    boolean excludes(QualifiedName name) {
        return names.contains(name) || patterns.stream().anyMatch(pattern -> pattern.matches(name));
    }
}
