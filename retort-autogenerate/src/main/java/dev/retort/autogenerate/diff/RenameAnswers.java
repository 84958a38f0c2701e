package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
import java.util.HashMap;
import java.util.Map;

/**
 * The answers to one diff's rename questions: the renames confirmed, and warnings for the candidates declined.
 *
 * <p>Decided once, then used for the upgrade and, through {@link #inverse()}, for the downgrade, so the user is
 * never asked twice.
 *
 * @param tables confirmed table renames, old name to new name
 * @param columns confirmed column renames, by the table's name in the target schema: old column to new column
 * @param droppedTableWarnings the warning for a dropped table that had a declined candidate, by its name
 * @param droppedColumnWarnings the same for dropped columns, by the table's name in the target schema and column
 * @param addedTableWarnings the warning for an added table that was a declined candidate, by its name; it goes on
 *     the drop of the inverse diff
 * @param addedColumnWarnings the same for added columns, by the table's name in the source schema and column
 */
record RenameAnswers(Map<QualifiedName, QualifiedName> tables, Map<QualifiedName, Map<String, String>> columns,
        Map<QualifiedName, String> droppedTableWarnings, Map<QualifiedName, Map<String, String>> droppedColumnWarnings,
        Map<QualifiedName, String> addedTableWarnings, Map<QualifiedName, Map<String, String>> addedColumnWarnings) {

    RenameAnswers {
        tables = Map.copyOf(tables);
        columns = Map.copyOf(columns);
        droppedTableWarnings = Map.copyOf(droppedTableWarnings);
        droppedColumnWarnings = Map.copyOf(droppedColumnWarnings);
        addedTableWarnings = Map.copyOf(addedTableWarnings);
        addedColumnWarnings = Map.copyOf(addedColumnWarnings);
    }

    /** The answers for the diff in the other direction: every rename reversed, the warnings swapped. */
    RenameAnswers inverse() {
        Map<QualifiedName, QualifiedName> reversedTables = new HashMap<>();
        tables.forEach((from, to) -> reversedTables.put(to, from));
        Map<QualifiedName, Map<String, String>> reversedColumns = new HashMap<>();
        columns.forEach((table, renames) -> {
            Map<String, String> reversed = new HashMap<>();
            renames.forEach((from, to) -> reversed.put(to, from));
            // Keyed by the table's name in the target schema: for the inverse that is the source name.
            reversedColumns.put(reversedTables.getOrDefault(table, table), reversed);
        });
        return new RenameAnswers(reversedTables, reversedColumns, addedTableWarnings, addedColumnWarnings,
                droppedTableWarnings, droppedColumnWarnings);
    }

    /** The new name of {@code table}, or {@code table} if it keeps its name. */
    QualifiedName tableName(QualifiedName table) {
        return tables.getOrDefault(table, table);
    }

    /** The column renames of a table named {@code table} in the target schema. */
    Map<String, String> columnRenames(QualifiedName table) {
        return columns.getOrDefault(table, Map.of());
    }

    /** The warning for dropping {@code table}, or null. */
    String tableWarning(QualifiedName table) {
        return droppedTableWarnings.get(table);
    }

    /** The warning for dropping {@code column} of {@code table} (named as in the target schema), or null. */
    String columnWarning(QualifiedName table, String column) {
        return droppedColumnWarnings.getOrDefault(table, Map.of()).get(column);
    }

    boolean isEmpty() {
        return tables.isEmpty() && columns.isEmpty();
    }
}
