package dev.retort.autogenerate.diff;

import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;

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
        return TablesFollowingCurrent.of(current, desired, answers, (before, after) -> {
            if (before.inherits().isEmpty() || !after.inherits().isEmpty()) {
                return after;
            }
            return new Table(after.name(), after.columns(), after.primaryKey(), after.uniques(), after.foreignKeys(),
                    after.checks(), after.indexes(), after.comment(),
                    before.inherits().stream().map(answers::tableName).toList(), after.inheritedColumns(),
                    after.inheritedChecks(), after.unvalidatedNotNulls(), after.readers(), after.settings(),
                    after.exclusions());
        });
    }
}
