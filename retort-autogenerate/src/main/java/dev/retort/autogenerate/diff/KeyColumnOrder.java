package dev.retort.autogenerate.diff;

import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives the desired schema's composite primary keys, and the foreign keys that reference them, the column order the
 * database has when that is the only difference, for a model whose DDL does not choose that order itself.
 *
 * <p>Hibernate 6.2 and later order the columns of a composite primary key by its column ordering strategy (by size,
 * then name) when the session factory creates the schema ({@code ddl-auto=create}), and permute the columns of the
 * foreign keys that reference it to match; when it updates the schema, and in Hibernate 5, they keep the mapping's
 * order. A database Hibernate built may have either order, for the same entities, so neither is a change to
 * migrate. Unique constraints are left alone: Hibernate writes them in the order the mapping gives in every mode.
 */
final class KeyColumnOrder {
    private KeyColumnOrder() {
    }

    /** {@code desired}, with the order of the keys {@code current} has in another order taken from there. */
    static DatabaseSchema following(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers) {
        return TablesFollowingCurrent.of(current, desired, answers,
                (before, after) -> following(before, after, answers));
    }

    private static Table following(Table before, Table after, RenameAnswers answers) {
        Map<String, String> renamed = answers.columnRenames(after.name());
        PrimaryKeyDef primaryKey = after.primaryKey();
        if (primaryKey != null && before.primaryKey() != null) {
            List<String> order = renamed(before.primaryKey().columns(), renamed);
            if (sameSet(order, primaryKey.columns())) {
                primaryKey = new PrimaryKeyDef(primaryKey.name(), order, primaryKey.include());
            }
        }
        List<ForeignKeyDef> foreignKeys = new ArrayList<>();
        for (ForeignKeyDef fk : after.foreignKeys()) {
            foreignKeys.add(following(before.foreignKeys(), fk, renamed, answers));
        }
        return new Table(after.name(), after.columns(), primaryKey, after.uniques(), foreignKeys, after.checks(),
                after.indexes(), after.comment(), after.inherits(), after.inheritedColumns(), after.inheritedChecks(),
                after.unvalidatedNotNulls(), after.readers(), after.settings(), after.exclusions());
    }

    /**
     * {@code fk} with its column pairs in the order of a current foreign key from the same columns to the same
     * columns of the same table, if there is one; {@code fk} as it is otherwise.
     */
    private static ForeignKeyDef following(List<ForeignKeyDef> currentKeys, ForeignKeyDef fk,
            Map<String, String> renamed, RenameAnswers answers) {
        for (ForeignKeyDef current : currentKeys) {
            QualifiedName target = answers.tableName(current.referencedTable());
            if (!target.equals(fk.referencedTable())
                    || current.referencedColumns().isEmpty() != fk.referencedColumns().isEmpty()) {
                continue;
            }
            List<String> columns = renamed(current.columns(), renamed);
            List<String> referenced = renamed(current.referencedColumns(), answers.columnRenames(target));
            if (pairs(columns, referenced).equals(pairs(fk.columns(), fk.referencedColumns()))) {
                return new ForeignKeyDef(fk.name(), columns, fk.referencedTable(), referenced, fk.onDelete(),
                        fk.onDeleteColumns(), fk.onUpdate(), fk.match(), fk.deferral());
            }
        }
        return fk;
    }

    /** The columns paired with the columns they reference (with themselves, when the key references none). */
    private static Set<List<String>> pairs(List<String> columns, List<String> referenced) {
        Set<List<String>> pairs = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            pairs.add(List.of(columns.get(i), referenced.isEmpty() ? columns.get(i) : referenced.get(i)));
        }
        return pairs;
    }

    private static List<String> renamed(List<String> columns, Map<String, String> renames) {
        return columns.stream().map(c -> renames.getOrDefault(c, c)).toList();
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }
}
