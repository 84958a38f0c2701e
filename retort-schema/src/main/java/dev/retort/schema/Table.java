package dev.retort.schema;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table as the catalog describes it.
 *
 * <p>Columns keep their catalog order. Constraints are table-level values: the columns' own
 * {@code primaryKey} and {@code unique} flags are always false here. {@code indexes} holds only indexes
 * that no constraint owns (the primary key's and unique constraints' indexes are implied by them).
 * Constraint and index lists are sorted by name, so equal tables compare equal.
 *
 * @param name the table; schema null for the default schema ({@code public})
 * @param primaryKey the primary key, or null
 * @param comment the table's comment, or null
 * @param inherits the tables this one inherits from ({@code INHERITS}), in the catalog's order; empty for none.
 *     The columns and checks they pass down are among this table's own, as the catalog lists them.
 * @param inheritedColumns the columns it has from its parents alone, which it does not declare itself
 *     ({@code pg_attribute.attislocal} false): PostgreSQL adds them with the parent's, and drops them with it. A
 *     column both inherited and declared (merged, as {@code CREATE TABLE ... INHERITS} listing the parent's columns
 *     makes it) is not among them: it stays when the parent's goes.
 * @param inheritedChecks the same for its check constraints ({@code pg_constraint.conislocal} false)
 * @param unvalidatedNotNulls the columns whose NOT NULL is a constraint added {@code NOT VALID} and not validated
 *     since (PostgreSQL 18), each with the constraint's name. Such a column is not nullable: PostgreSQL refuses new
 *     nulls, but rows from before may still hold some.
 * @param readers the columns that views, materialized views, rules, row-level security policies, triggers (by
 *     their {@code WHEN} or {@code UPDATE OF}), functions with a SQL-standard body or foreign keys of the database
 *     use, each with those objects, described as {@code view active_users}, {@code policy own_rows on users},
 *     {@code trigger stamp on orders}, {@code function note_length(orders)} or
 *     {@code foreign key legacy_notes_order_id_fkey of table legacy_notes} (tables named as here, without the
 *     default schema): PostgreSQL retypes no such column (a foreign key aside, which it carries over) and drops it
 *     only with them. After them, each trigger of the table that does not, ending with {@link #MAY_USE}: its
 *     function may read the column, which PostgreSQL does not record. Read from a database only; a model's table
 *     has none.
 * @param exclusions its exclusion constraints, sorted by name
 */
public record Table(QualifiedName name, List<ColumnDef> columns, PrimaryKeyDef primaryKey, List<UniqueDef> uniques,
        List<ForeignKeyDef> foreignKeys, List<CheckDef> checks, List<Index> indexes, String comment,
        List<QualifiedName> inherits, Set<String> inheritedColumns, Set<String> inheritedChecks,
        Map<String, String> unvalidatedNotNulls, Map<String, List<String>> readers, TableSettings settings,
        List<ExcludeDef> exclusions) {
    /** Ends the description of a trigger among {@link #readers()} that may use the column, or may not. */
    public static final String MAY_USE = " (may use it)";

    /** A table that inherits from none. */
    public Table(QualifiedName name, List<ColumnDef> columns, PrimaryKeyDef primaryKey, List<UniqueDef> uniques,
            List<ForeignKeyDef> foreignKeys, List<CheckDef> checks, List<Index> indexes, String comment) {
        this(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, List.of());
    }

    /** A table that declares all its columns and checks itself, whatever it inherits from. */
    public Table(QualifiedName name, List<ColumnDef> columns, PrimaryKeyDef primaryKey, List<UniqueDef> uniques,
            List<ForeignKeyDef> foreignKeys, List<CheckDef> checks, List<Index> indexes, String comment,
            List<QualifiedName> inherits) {
        this(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits, Set.of(), Set.of());
    }

    /** A table whose NOT NULL columns are all validated. */
    public Table(QualifiedName name, List<ColumnDef> columns, PrimaryKeyDef primaryKey, List<UniqueDef> uniques,
            List<ForeignKeyDef> foreignKeys, List<CheckDef> checks, List<Index> indexes, String comment,
            List<QualifiedName> inherits, Set<String> inheritedColumns, Set<String> inheritedChecks) {
        this(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits, inheritedColumns,
                inheritedChecks, Map.of());
    }

    /** A table whose columns no view or policy reads. */
    public Table(QualifiedName name, List<ColumnDef> columns, PrimaryKeyDef primaryKey, List<UniqueDef> uniques,
            List<ForeignKeyDef> foreignKeys, List<CheckDef> checks, List<Index> indexes, String comment,
            List<QualifiedName> inherits, Set<String> inheritedColumns, Set<String> inheritedChecks,
            Map<String, String> unvalidatedNotNulls) {
        this(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits, inheritedColumns,
                inheritedChecks, unvalidatedNotNulls, Map.of());
    }

    /** A logged table without row-level security, of the default replica identity ({@link TableSettings#PLAIN}). */
    public Table(QualifiedName name, List<ColumnDef> columns, PrimaryKeyDef primaryKey, List<UniqueDef> uniques,
            List<ForeignKeyDef> foreignKeys, List<CheckDef> checks, List<Index> indexes, String comment,
            List<QualifiedName> inherits, Set<String> inheritedColumns, Set<String> inheritedChecks,
            Map<String, String> unvalidatedNotNulls, Map<String, List<String>> readers) {
        this(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits, inheritedColumns,
                inheritedChecks, unvalidatedNotNulls, readers, TableSettings.PLAIN);
    }

    /** A table without exclusion constraints. */
    public Table(QualifiedName name, List<ColumnDef> columns, PrimaryKeyDef primaryKey, List<UniqueDef> uniques,
            List<ForeignKeyDef> foreignKeys, List<CheckDef> checks, List<Index> indexes, String comment,
            List<QualifiedName> inherits, Set<String> inheritedColumns, Set<String> inheritedChecks,
            Map<String, String> unvalidatedNotNulls, Map<String, List<String>> readers, TableSettings settings) {
        this(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits, inheritedColumns,
                inheritedChecks, unvalidatedNotNulls, readers, settings, List.of());
    }

    public Table {
        Objects.requireNonNull(settings, "settings");
        inherits = List.copyOf(inherits);
        inheritedColumns = Set.copyOf(inheritedColumns);
        inheritedChecks = Set.copyOf(inheritedChecks);
        unvalidatedNotNulls = Map.copyOf(unvalidatedNotNulls);
        readers = readers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        columns = List.copyOf(columns);
        uniques = List.copyOf(uniques);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
        indexes = List.copyOf(indexes);
        exclusions = List.copyOf(exclusions);
    }

    /** The same table without {@link #readers()}. */
    public Table withoutReaders() {
        return readers.isEmpty() ? this : new Table(name, columns, primaryKey, uniques, foreignKeys, checks, indexes,
                comment, inherits, inheritedColumns, inheritedChecks, unvalidatedNotNulls, Map.of(), settings,
                exclusions);
    }

    /** The same table with {@code settings} instead of its own. */
    public Table withSettings(TableSettings settings) {
        return new Table(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits,
                inheritedColumns, inheritedChecks, unvalidatedNotNulls, readers, settings, exclusions);
    }

    /** The same table with {@code columns} instead of its own. */
    public Table withColumns(List<ColumnDef> columns) {
        return new Table(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits,
                inheritedColumns, inheritedChecks, unvalidatedNotNulls, readers, settings, exclusions);
    }

    /** The same table with {@code indexes} instead of its own. */
    public Table withIndexes(List<Index> indexes) {
        return new Table(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits,
                inheritedColumns, inheritedChecks, unvalidatedNotNulls, readers, settings, exclusions);
    }

    /** The same table with {@code exclusions} instead of its own exclusion constraints. */
    public Table withExclusions(List<ExcludeDef> exclusions) {
        return new Table(name, columns, primaryKey, uniques, foreignKeys, checks, indexes, comment, inherits,
                inheritedColumns, inheritedChecks, unvalidatedNotNulls, readers, settings, exclusions);
    }

    public Optional<ColumnDef> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
