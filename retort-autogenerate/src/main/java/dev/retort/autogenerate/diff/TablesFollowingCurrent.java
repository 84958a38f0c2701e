package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * A desired schema with each table that the database has already (under its name, or the one a rename gives it)
 * passed through a function of both: what the model leaves unsaid (a key's column order, a constraint's name, a
 * table's parents) is taken from the database.
 */
final class TablesFollowingCurrent {
    private TablesFollowingCurrent() {
    }

    /** {@code desired}, each table of which {@code current} has a table for replaced by {@code follow(before, it)}. */
    static DatabaseSchema of(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers,
            BinaryOperator<Table> follow) {
        Map<QualifiedName, Table> currentByNewName = new HashMap<>();
        for (Table table : current.tables()) {
            currentByNewName.put(answers.tableName(table.name()), table);
        }
        List<Table> tables = new ArrayList<>();
        for (Table table : desired.tables()) {
            Table before = currentByNewName.get(table.name());
            tables.add(before == null ? table : follow.apply(before, table));
        }
        return new DatabaseSchema(desired.schemas(), tables, desired.enums(), desired.sequences(),
                desired.extensions());
    }
}
