package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.ExcludeDef;
import dev.retort.schema.DatabaseSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The desired schema of a model that cannot say {@code EXCLUDE} (JPA entities, whose DDL Hibernate writes), with
 * each table keeping the exclusion constraints it has in the database, which only a migration written by hand can
 * have added: autogenerate must not write them away. One over a column the model drops goes with the column, as
 * PostgreSQL drops it; one over a renamed column reads the new name, as PostgreSQL prints it after the rename.
 */
final class KeptExclusions {
    private KeptExclusions() {
    }

    static DatabaseSchema following(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers) {
        return TablesFollowingCurrent.of(current, desired, answers, (before, after) -> {
            Map<String, String> renames = answers.columnRenames(after.name());
            Set<String> kept = after.columns().stream().map(ColumnDef::name).collect(Collectors.toSet());
            Set<String> gone = before.columns().stream().map(c -> renames.getOrDefault(c.name(), c.name()))
                    .filter(c -> !kept.contains(c)).collect(Collectors.toSet());
            List<ExcludeDef> exclusions = before.exclusions().stream()
                    .map(x -> new ExcludeDef(x.name(), ExpressionNames.rename(x.definition(), renames), x.deferral()))
                    .filter(x -> !ExpressionNames.mentions(x.definition(), gone))
                    .toList();
            return exclusions.equals(after.exclusions()) ? after : after.withExclusions(exclusions);
        });
    }
}
