package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.Identity;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import dev.retort.schema.TableSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The desired schema with each table's row-level security and replica identity as the database has them, and, for a
 * model that cannot say {@code UNLOGGED} (JPA entities, whose DDL Hibernate writes), its persistence and storage
 * parameters ({@code WITH (fillfactor = 70)}) too. Teams
 * enable row-level security and set a replica identity by hand in migrations, with policies the model knows nothing
 * of: autogenerate must not write them away. A table new to the database keeps what the model gives it.
 *
 * <p>Hibernate's DDL cannot give an index storage parameters ({@code WITH (fillfactor = 70)}) either: for such a model
 * an index the database has under the same name keeps its own, which a team tunes by hand. Nor the options of an
 * identity's sequence ({@code START WITH 1000}): an identity column that stays one keeps the database's.
 */
final class KeptSettings {
    private KeptSettings() {
    }

    static DatabaseSchema following(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers,
            boolean modelSaysPersistence) {
        return TablesFollowingCurrent.of(current, desired, answers, (before, after) -> {
            TableSettings kept = modelSaysPersistence
                    ? before.settings().withUnlogged(after.settings().unlogged())
                            .withStorage(after.settings().storage())
                    : before.settings();
            Table table = modelSaysPersistence ? after : withIdentityOptions(withIndexStorage(after, before), before);
            return kept.equals(table.settings()) ? table : table.withSettings(kept);
        });
    }

    /** {@code after} with the identity options of each of its identity columns that is one in {@code before} too. */
    private static Table withIdentityOptions(Table after, Table before) {
        List<ColumnDef> columns = after.columns().stream().map(c -> before.column(c.name())
                .filter(old -> old.identity() != Identity.NONE && c.identity() != Identity.NONE)
                .map(old -> c.identity(c.identity(), old.identityOptions())).orElse(c)).toList();
        return columns.equals(after.columns()) ? after : after.withColumns(columns);
    }

    /** {@code after} with the storage parameters of each of its indexes that {@code before} has under its name. */
    private static Table withIndexStorage(Table after, Table before) {
        Map<String, Index> current = before.indexes().stream().collect(Collectors.toMap(Index::name, i -> i));
        List<Index> indexes = after.indexes().stream()
                .map(i -> current.containsKey(i.name()) ? i.withStorage(current.get(i.name()).storage()) : i)
                .toList();
        return indexes.equals(after.indexes()) ? after : after.withIndexes(indexes);
    }
}
