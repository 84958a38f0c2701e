package dev.retort.command;

import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import dev.retort.schema.TableSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The row-level security and replica identity changes between two reads of one database, in words, and the policies,
 * triggers and grants a table gained or lost; a grant names its privileges, so one narrowed to fewer is one lost and
 * another gained. The diff leaves them all alone (a model cannot say them, see
 * {@link TableSettings}), but a downgrade that enables row-level security, changes what logical replication sends of
 * a row, or creates a table again without its policies, and does not set them back leaves a trace all the same.
 */
final class SettingTraces {
    private SettingTraces() {
    }

    /** What turns the tables of {@code before} into those of the same name in {@code after}. */
    static List<String> of(DatabaseSchema before, DatabaseSchema after) {
        List<String> traces = new ArrayList<>();
        for (Table table : after.tables()) {
            before.table(table.name()).ifPresent(old -> traces.addAll(of(table.name().toString(), old.settings(),
                    table.settings())));
        }
        return traces;
    }

    private static List<String> of(String table, TableSettings before, TableSettings after) {
        List<String> traces = new ArrayList<>();
        if (before.rowSecurity() != after.rowSecurity()) {
            traces.add((after.rowSecurity() ? "enable" : "disable") + " row level security on table " + table);
        }
        if (before.forceRowSecurity() != after.forceRowSecurity()) {
            traces.add((after.forceRowSecurity() ? "force" : "no force") + " row level security on table " + table);
        }
        if (!before.replicaIdentity().equals(after.replicaIdentity())) {
            traces.add("set replica identity of table " + table + " to " + after.replicaIdentity() + " (was "
                    + before.replicaIdentity() + ")");
        }
        after.attached().stream().filter(a -> !before.attached().contains(a))
                .forEach(a -> traces.add("add " + a + " to table " + table));
        before.attached().stream().filter(a -> !after.attached().contains(a))
                .forEach(a -> traces.add("remove " + a + " from table " + table));
        return traces;
    }
}
