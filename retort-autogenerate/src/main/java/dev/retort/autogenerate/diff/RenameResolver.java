package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds rename candidates between two schemas and asks {@link Renames} about them, once each.
 *
 * <p>A table candidate is a dropped and an added table whose columns have the same names and base types, in the
 * same schema, or of the same name in another schema (a table moved, as when an entity gets
 * {@code @Table(schema = ...)}); a column candidate is a dropped and an added column of the same table with the
 * same base type (so {@code varchar(20)} and {@code varchar(40)} qualify, and the rename comes with a type
 * change). Candidates are paired in name order and each is paired at most once.
 */
final class RenameResolver {
    private final Renames renames;
    private final Map<QualifiedName, QualifiedName> tables = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> columns = new HashMap<>();
    private final Map<QualifiedName, String> droppedTableWarnings = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> droppedColumnWarnings = new HashMap<>();
    private final Map<QualifiedName, String> addedTableWarnings = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> addedColumnWarnings = new HashMap<>();

    private RenameResolver(Renames renames) {
        this.renames = renames;
    }

    /** Asks {@code renames} about every candidate from {@code current} to {@code desired}. */
    static RenameAnswers resolve(DatabaseSchema current, DatabaseSchema desired, Renames renames) {
        RenameResolver resolver = new RenameResolver(renames);
        resolver.resolveTables(current, desired);
        resolver.followTables(current, desired);
        resolver.resolveColumns(current, desired);
        return new RenameAnswers(resolver.tables, resolver.columns, resolver.droppedTableWarnings,
                resolver.droppedColumnWarnings, resolver.addedTableWarnings, resolver.addedColumnWarnings);
    }

    private void resolveTables(DatabaseSchema current, DatabaseSchema desired) {
        Set<QualifiedName> currentNames = names(current);
        Set<QualifiedName> desiredNames = names(desired);
        Map<List<String>, List<Table>> addedByShape = new LinkedHashMap<>();
        for (Table table : desired.tables()) {
            if (!currentNames.contains(table.name())) {
                addedByShape.computeIfAbsent(shape(table), key -> new ArrayList<>()).add(table);
            }
        }
        Set<QualifiedName> paired = new HashSet<>();
        for (Table dropped : current.tables()) {
            if (desiredNames.contains(dropped.name())) {
                continue;
            }
            Table declined = null;
            boolean renamed = false;
            for (Table added : addedByShape.getOrDefault(shape(dropped), List.of())) {
                if (paired.contains(added.name()) || !sameSchemaOrName(dropped.name(), added.name())) {
                    continue;
                }
                if (renames.tableRenamed(dropped.name(), added.name())) {
                    tables.put(dropped.name(), added.name());
                    paired.add(added.name());
                    renamed = true;
                    break;
                }
                declined = declined == null ? added : declined;
            }
            if (!renamed && declined != null) {
                String warning = Descriptions.declinedTableRename(dropped.name(), declined.name());
                droppedTableWarnings.put(dropped.name(), warning);
                addedTableWarnings.putIfAbsent(declined.name(), warning);
            }
        }
    }

    /**
     * Renames, without asking, the tables named after a renamed table, which Hibernate renames with their entity:
     * its element collections ({@code author_aliases}) and join tables ({@code author_book}), with their key
     * columns named after it too ({@code author_id}). Renaming the entity is what the user confirmed; dropping
     * these tables and creating them empty would lose the collections. A table follows when its name is the old
     * table's name, an underscore and a rest, the model has a new table named after the new name with the same
     * rest, and the two have the same columns once the old name is replaced in theirs.
     */
    private void followTables(DatabaseSchema current, DatabaseSchema desired) {
        if (tables.isEmpty()) {
            return;
        }
        Set<QualifiedName> currentNames = names(current);
        Map<QualifiedName, Table> desiredTables = new HashMap<>();
        desired.tables().forEach(table -> desiredTables.put(table.name(), table));
        List<Map.Entry<QualifiedName, QualifiedName>> renamed = tables.entrySet().stream()
                .filter(e -> Objects.equals(e.getKey().schema(), e.getValue().schema()))
                .sorted(Map.Entry.comparingByKey(DatabaseSchema.NAME_ORDER))
                .toList();
        for (Table dropped : current.tables()) {
            if (desiredTables.containsKey(dropped.name()) || tables.containsKey(dropped.name())) {
                continue;
            }
            for (Map.Entry<QualifiedName, QualifiedName> owner : renamed) {
                String from = owner.getKey().name() + "_";
                String to = owner.getValue().name() + "_";
                if (!dropped.name().name().startsWith(from)) {
                    continue;
                }
                QualifiedName follower = QualifiedName.of(dropped.name().schema(),
                        to + dropped.name().name().substring(from.length()));
                Table added = desiredTables.get(follower);
                if (added == null || currentNames.contains(follower) || tables.containsValue(follower)) {
                    continue;
                }
                Map<String, String> columnRenames = new HashMap<>();
                List<String> shape = new ArrayList<>();
                for (ColumnDef column : dropped.columns()) {
                    String name = column.name().startsWith(from)
                            ? to + column.name().substring(from.length()) : column.name();
                    if (!name.equals(column.name())) {
                        columnRenames.put(column.name(), name);
                    }
                    shape.add(name + "\0" + TypeNames.base(column.type()));
                }
                shape.sort(null);
                if (shape.equals(shape(added))) {
                    tables.put(dropped.name(), follower);
                    if (!columnRenames.isEmpty()) {
                        columns.computeIfAbsent(follower, key -> new HashMap<>()).putAll(columnRenames);
                    }
                    break;
                }
            }
        }
    }

    private void resolveColumns(DatabaseSchema current, DatabaseSchema desired) {
        Map<QualifiedName, Table> desiredTables = new HashMap<>();
        desired.tables().forEach(table -> desiredTables.put(table.name(), table));
        for (Table before : current.tables()) {
            Table after = desiredTables.get(tables.getOrDefault(before.name(), before.name()));
            if (after != null) {
                resolveColumns(before, after);
            }
        }
    }

    private void resolveColumns(Table before, Table after) {
        // Columns renamed along with a followed table (see followTables) are settled already.
        Map<String, String> settled = columns.getOrDefault(after.name(), Map.of());
        List<ColumnDef> added = after.columns().stream()
                .filter(c -> before.column(c.name()).isEmpty() && !settled.containsValue(c.name()))
                .toList();
        if (added.isEmpty()) {
            return;
        }
        Set<String> paired = new HashSet<>();
        for (ColumnDef dropped : before.columns()) {
            if (after.column(dropped.name()).isPresent() || settled.containsKey(dropped.name())) {
                continue;
            }
            ColumnDef declined = null;
            boolean renamed = false;
            for (ColumnDef candidate : added) {
                if (paired.contains(candidate.name()) || !TypeNames.sameBase(dropped.type(), candidate.type())) {
                    continue;
                }
                if (renames.columnRenamed(after.name(), dropped.name(), candidate.name())) {
                    columns.computeIfAbsent(after.name(), key -> new HashMap<>()).put(dropped.name(), candidate.name());
                    paired.add(candidate.name());
                    renamed = true;
                    break;
                }
                declined = declined == null ? candidate : declined;
            }
            if (!renamed && declined != null) {
                String warning = Descriptions.declinedColumnRename(after.name(), dropped, declined);
                droppedColumnWarnings.computeIfAbsent(after.name(), key -> new HashMap<>())
                        .put(dropped.name(), warning);
                addedColumnWarnings.computeIfAbsent(before.name(), key -> new HashMap<>())
                        .putIfAbsent(declined.name(), warning);
            }
        }
    }

    /** What a table candidate must share: its columns' names and base types. */
    private static List<String> shape(Table table) {
        List<String> shape = new ArrayList<>();
        for (ColumnDef column : table.columns()) {
            shape.add(column.name() + "\0" + TypeNames.base(column.type()));
        }
        shape.sort(null);
        return shape;
    }

    /** Whether a table may have become the other: renamed in its schema, or moved to another keeping its name. */
    private static boolean sameSchemaOrName(QualifiedName dropped, QualifiedName added) {
        return Objects.equals(dropped.schema(), added.schema()) || dropped.name().equals(added.name());
    }

    private static Set<QualifiedName> names(DatabaseSchema schema) {
        Set<QualifiedName> names = new HashSet<>();
        schema.tables().forEach(table -> names.add(table.name()));
        return names;
    }
}
