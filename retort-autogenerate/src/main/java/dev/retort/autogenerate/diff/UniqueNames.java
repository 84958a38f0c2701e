package dev.retort.autogenerate.diff;

import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives an unnamed unique constraint of the desired schema the name the database has for it, when that name is one
 * the model's own tool gives it.
 *
 * <p>Hibernate's create script ({@code ddl-auto=create}, and Retort's DDL) leaves a unique constraint the entities
 * do not name unnamed, and PostgreSQL calls it {@code shops_email_address_key}; Hibernate's {@code ddl-auto=update}
 * adds the same constraint as {@code uk9jki9o7lwg04bx6y5784w6ufi}, and Hibernate 5 as {@code uk_9jki...}. A
 * database Hibernate built either way matches the entities, so neither name is a rename to migrate. The model says
 * which names are Hibernate's for which constraint; a constraint the entities name, or a current one over other
 * columns or with another deferral, is compared as it is.
 */
final class UniqueNames {
    private UniqueNames() {
    }

    /**
     * {@code desired}, with each unnamed constraint renamed to its name in {@code current} where that is one of
     * {@code names} (lower case, to the constraint as {@code table unique (a, b)}).
     */
    static DatabaseSchema following(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers,
            Map<String, String> names) {
        if (names.isEmpty()) {
            return desired;
        }
        Set<String> unnamed = new HashSet<>(names.values());
        return TablesFollowingCurrent.of(current, desired, answers,
                (before, after) -> following(before, after, answers, names, unnamed));
    }

    private static Table following(Table before, Table after, RenameAnswers answers, Map<String, String> names,
            Set<String> unnamed) {
        Map<String, String> renamed = answers.columnRenames(after.name());
        Set<String> currentNames = new HashSet<>();
        before.uniques().forEach(u -> currentNames.add(u.name()));
        List<UniqueDef> candidates = new ArrayList<>(before.uniques());
        List<UniqueDef> uniques = new ArrayList<>();
        boolean changed = false;
        for (UniqueDef unique : after.uniques()) {
            String constraint = after.name() + " unique (" + String.join(", ", unique.columns()) + ")";
            if (!unnamed.contains(constraint) || currentNames.contains(unique.name())) {
                uniques.add(unique);
                continue;
            }
            UniqueDef found = null;
            for (UniqueDef candidate : candidates) {
                if (constraint.equals(names.get(candidate.name().toLowerCase(Locale.ROOT)))
                        && renamed(candidate.columns(), renamed).equals(unique.columns())
                        && candidate.deferral() == unique.deferral()
                        && candidate.nullsNotDistinct() == unique.nullsNotDistinct()
                        && renamed(candidate.include(), renamed).equals(unique.include())) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                uniques.add(unique);
            } else {
                candidates.remove(found);
                uniques.add(unique.named(found.name()));
                changed = true;
            }
        }
        if (!changed) {
            return after;
        }
        // A table's constraints are sorted by name, so that equal tables compare equal.
        uniques.sort(Comparator.comparing(UniqueDef::name));
        return new Table(after.name(), after.columns(), after.primaryKey(), uniques, after.foreignKeys(),
                after.checks(), after.indexes(), after.comment(), after.inherits(), after.inheritedColumns(),
                after.inheritedChecks(), after.unvalidatedNotNulls(), after.readers(), after.settings(),
                after.exclusions());
    }

    private static List<String> renamed(List<String> columns, Map<String, String> renames) {
        return columns.stream().map(c -> renames.getOrDefault(c, c)).toList();
    }
}
