package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired schema of a model that cannot say {@code INHERITS} (JPA entities, whose DDL Hibernate writes), with
 * each table inheriting what it inherits in the database. Without it, an entity mapped onto a table that inherits
 * (an old database partitioned by inheritance) would read as a plain table, and autogenerate would write
 * {@code NO INHERIT}, so that queries on the parent no longer see the child's rows: a change the model never asked
 * for.
 */
final class KeptInheritance {
    private KeptInheritance() {
    }

    static DatabaseSchema following(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers) {
        Map<QualifiedName, Table> currentByNewName = new HashMap<>();
        for (Table table : current.tables()) {
            currentByNewName.put(answers.tableName(table.name()), table);
        }
        List<Table> tables = new ArrayList<>();
        for (Table table : desired.tables()) {
            Table before = currentByNewName.get(table.name());
            if (before == null || before.inherits().isEmpty() || !table.inherits().isEmpty()) {
                tables.add(table);
                continue;
            }
            List<QualifiedName> parents = before.inherits().stream().map(answers::tableName).toList();
            tables.add(new Table(table.name(), table.columns(), table.primaryKey(), table.uniques(),
                    table.foreignKeys(), table.checks(), table.indexes(), table.comment(), parents));
        }
        return new DatabaseSchema(desired.schemas(), tables, desired.enums(), desired.sequences(),
                desired.extensions());
    }
}
