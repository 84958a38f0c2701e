package dev.retort.autogenerate.diff;

import dev.retort.RetortException;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SetTablePersistence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the tables that stay logged or unlogged, in an order PostgreSQL accepts.
 *
 * <p>PostgreSQL never lets a logged table reference an unlogged one: it makes a table unlogged only once no logged
 * table references it, and logged only once it references no unlogged table. So of two tables made unlogged, the
 * referencing one goes first; of two made logged, the referenced one. The planner runs these changes after the
 * foreign keys that go are dropped (those of dropped tables too, {@link ConstraintPlan}) and before new tables and
 * foreign keys are created, so only the foreign keys kept on both sides order them. When those form a cycle, no
 * order works, and the diff is refused with what to do instead.
 */
final class PersistenceChanges {
    /** {@code table} must wait for {@code first}, because of {@code fk}, which {@code referencing} has. */
    private record Wait(QualifiedName table, QualifiedName first, QualifiedName referencing, ForeignKeyDef fk) {
    }

    private PersistenceChanges() {
    }

    /** The persistence changes of the {@code kept} tables, in an order PostgreSQL accepts. */
    static List<Change> of(Collection<KeptTable> kept, ConstraintPlan constraints) {
        Map<QualifiedName, Boolean> unlogged = new LinkedHashMap<>();
        for (KeptTable table : kept) {
            if (table.before().settings().unlogged() != table.after().settings().unlogged()) {
                unlogged.put(table.name(), table.after().settings().unlogged());
            }
        }
        Map<QualifiedName, List<Wait>> waits = new HashMap<>();
        for (KeptTable table : kept) {
            Boolean madeUnlogged = unlogged.get(table.name());
            for (ForeignKeyDef fk : table.before().foreignKeys()) {
                QualifiedName target = fk.referencedTable();
                if (madeUnlogged == null || !madeUnlogged.equals(unlogged.get(target)) || target.equals(table.name())
                        || constraints.foreignKeyDropped(table.name(), fk.name())) {
                    continue;
                }
                Wait wait = madeUnlogged ? new Wait(target, table.name(), table.name(), fk)
                        : new Wait(table.name(), target, table.name(), fk);
                waits.computeIfAbsent(wait.table(), k -> new ArrayList<>()).add(wait);
            }
        }
        List<QualifiedName> order = DependencyOrder.of(unlogged.keySet(),
                name -> waits.getOrDefault(name, List.of()).stream().map(Wait::first).toList());
        Map<QualifiedName, Integer> position = new HashMap<>();
        order.forEach(table -> position.put(table, position.size()));
        for (Wait wait : waits.values().stream().flatMap(List::stream).toList()) {
            // DependencyOrder breaks a cycle by placing a table before one it waits for.
            if (position.get(wait.first()) > position.get(wait.table())) {
                throw cycle(wait, unlogged.get(wait.table()));
            }
        }
        List<Change> changes = new ArrayList<>();
        for (QualifiedName table : order) {
            boolean madeUnlogged = unlogged.get(table);
            changes.add(Change.of(new SetTablePersistence(table, madeUnlogged),
                    "set table " + table + (madeUnlogged ? " unlogged" : " logged")));
        }
        return changes;
    }

    private static RetortException cycle(Wait wait, boolean unlogged) {
        String fk = wait.fk().name() + " on " + wait.referencing();
        return new RetortException("Cannot make tables " + wait.table() + " and " + wait.first()
                + (unlogged ? " unlogged" : " logged") + " in one migration: foreign key " + fk + " references "
                + wait.fk().referencedTable() + " and others lead back, and PostgreSQL changes one table at a time "
                + "but never lets a logged table reference an unlogged one. Leave " + wait.fk().name() + " out of the "
                + "model for one revision and put it back in the next, or write the migration by hand: drop " + fk
                + ", change the tables, then add it again.");
    }
}
