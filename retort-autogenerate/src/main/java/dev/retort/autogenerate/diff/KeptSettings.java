package dev.retort.autogenerate.diff;

import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.TableSettings;

/**
 * The desired schema with each table's row-level security and replica identity as the database has them, and, for a
 * model that cannot say {@code UNLOGGED} (JPA entities, whose DDL Hibernate writes), its persistence too. Teams
 * enable row-level security and set a replica identity by hand in migrations, with policies the model knows nothing
 * of: autogenerate must not write them away. A table new to the database keeps what the model gives it.
 */
final class KeptSettings {
    private KeptSettings() {
    }

    static DatabaseSchema following(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers,
            boolean modelSaysPersistence) {
        return TablesFollowingCurrent.of(current, desired, answers, (before, after) -> {
            TableSettings kept = modelSaysPersistence
                    ? before.settings().withUnlogged(after.settings().unlogged())
                    : before.settings();
            return kept.equals(after.settings()) ? after : after.withSettings(kept);
        });
    }
}
