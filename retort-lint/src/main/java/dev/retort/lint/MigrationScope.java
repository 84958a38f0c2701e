package dev.retort.lint;

import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the migration has created so far, read in order: the only way the linter can tell a new
 * table from an existing one.
 *
 * <p>A table is "existing" unless a {@code CreateTable} (or a {@code CREATE TABLE} statement) earlier
 * in the same migration made it, or the caller listed it as created earlier. The linter never sees the
 * database, so a table created by an earlier, not yet deployed migration counts as existing unless the
 * caller says otherwise. Names compare case-insensitively. An unqualified name stands for the table of
 * {@code public}, where the default {@code search_path} finds it: it matches an unqualified name or one in
 * {@code public}, never a table of another schema, as {@code CREATE TABLE archive.orders} does not make the
 * {@code orders} a later {@code DROP TABLE orders} drops a new table.
 */
final class MigrationScope {
    /** The schema an unqualified name is in, as the default {@code search_path} resolves it. */
    private static final String DEFAULT_SCHEMA = "public";

    private final List<QualifiedName> newTables = new ArrayList<>();
    private final List<QualifiedName> newIndexes = new ArrayList<>();
    /** Enum types dropped or renamed away by this migration, by the name they had. */
    private final List<QualifiedName> retiredEnums = new ArrayList<>();
    /** The values enum types had before this migration, as its downgrade recreates them. */
    private final Map<String, List<String>> previousEnumValues = new HashMap<>();

    /** Checks added NOT VALID that prove a column holds no nulls once validated: table.constraint to column. */
    private final Map<String, String> notNullChecks = new HashMap<>();
    /** Columns such a check, validated, proves free of nulls: table.column. */
    private final List<String> provenNotNull = new ArrayList<>();

    MigrationScope(Set<QualifiedName> tablesCreatedEarlier) {
        newTables.addAll(tablesCreatedEarlier);
    }

    void tableCreated(QualifiedName table) {
        newTables.add(table);
    }

    boolean isExistingTable(QualifiedName table) {
        return newTables.stream().noneMatch(created -> same(created, table));
    }

    void indexCreated(QualifiedName index) {
        newIndexes.add(index);
    }

    boolean isNewIndex(QualifiedName index) {
        return newIndexes.stream().anyMatch(created -> same(created, index));
    }

    void enumRetired(QualifiedName type) {
        retiredEnums.add(type);
    }

    boolean isRetiredEnum(QualifiedName type) {
        return retiredEnums.stream().anyMatch(retired -> same(retired, type));
    }

    void previousEnumValues(QualifiedName type, List<String> values) {
        previousEnumValues.putIfAbsent(type.name().toLowerCase(Locale.ROOT), List.copyOf(values));
    }

    /** The values the type had before this migration, or null when the downgrade does not say. */
    List<String> previousEnumValues(QualifiedName type) {
        return previousEnumValues.get(type.name().toLowerCase(Locale.ROOT));
    }

    void notNullCheckAdded(QualifiedName table, String constraint, String column) {
        notNullChecks.put(key(table, constraint), column.toLowerCase(Locale.ROOT));
    }

    void constraintValidated(QualifiedName table, String constraint) {
        String column = notNullChecks.get(key(table, constraint));
        if (column != null) {
            provenNotNull.add(key(table, column));
        }
    }

    /**
     * True when a validated {@code CHECK (column IS NOT NULL)} earlier in the migration proves the column free of
     * nulls: PostgreSQL then sets NOT NULL without scanning the table, as autogenerate's safe form does.
     */
    boolean isProvenNotNull(QualifiedName table, String column) {
        return provenNotNull.contains(key(table, column));
    }

    /** The table, in its schema as {@link #same} reads it, and a name in it. */
    private static String key(QualifiedName table, String name) {
        return (schema(table) + "." + table.name() + "." + name).toLowerCase(Locale.ROOT);
    }

    static boolean same(QualifiedName a, QualifiedName b) {
        return a.name().equalsIgnoreCase(b.name()) && schema(a).equalsIgnoreCase(schema(b));
    }

    private static String schema(QualifiedName name) {
        return name.schema() == null ? DEFAULT_SCHEMA : name.schema();
    }
}
