package dev.retort.autogenerate.diff;

import dev.retort.operation.CreateTable;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TableConstraint;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Creates the tables that are new, each after the tables it references or inherits from, each followed by its
 * indexes. A child ({@code INHERITS}) lists the columns and checks it inherits too, which PostgreSQL merges with its
 * parents' and which keep the definitions the child has of them (a default of its own, say).
 *
 * <p>A foreign key is declared inside {@code CREATE TABLE} when the key it references exists by then: in a table
 * created earlier, in the table itself (a self-reference to its primary key or a unique constraint), or in a
 * table that stays and whose key this diff leaves alone. The others, chiefly those inside a cycle of new tables,
 * are added once every table exists.
 *
 * <p>On the way back, the tables are those the upgrade drops, as the database has them: each gets its row-level
 * security again, as no model says it ({@link KeptSettings}), its policies, triggers and grants as the database
 * defined them once every table and column is back ({@link #attachedAgain()}), and a warning that names what it
 * does not get again: the views of other tables that read it, which a diff of tables cannot write, and a trigger an
 * extension owns or that is not simply enabled.
 */
final class NewTables {
    private final List<Change> creates = new ArrayList<>();
    private final List<Change> deferredForeignKeys = new ArrayList<>();
    private final List<Change> attachedAgain = new ArrayList<>();

    /**
     * @param tables the new tables, as the desired schema has them
     * @param restoring whether they are tables the upgrade drops, created again on the way back
     */
    NewTables(List<Table> tables, ConstraintPlan constraints, boolean restoring) {
        Map<QualifiedName, Table> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        List<QualifiedName> order = DependencyOrder.of(byName.keySet(), name -> Stream.concat(
                byName.get(name).foreignKeys().stream().map(ForeignKeyDef::referencedTable),
                byName.get(name).inherits().stream()).toList());
        Map<QualifiedName, Integer> position = new HashMap<>();
        for (QualifiedName name : order) {
            position.put(name, position.size());
        }
        for (QualifiedName name : order) {
            Table table = byName.get(name);
            List<TableConstraint> inline = new ArrayList<>();
            if (table.primaryKey() != null) {
                inline.add(table.primaryKey());
            }
            inline.addAll(table.uniques());
            inline.addAll(table.checks());
            inline.addAll(table.exclusions());
            for (ForeignKeyDef fk : table.foreignKeys()) {
                QualifiedName target = fk.referencedTable();
                boolean ready;
                if (target.equals(name)) {
                    // The table's own indexes come after CREATE TABLE; its constraints are part of it.
                    ready = Keys.backedByConstraint(table, fk);
                } else if (position.containsKey(target)) {
                    ready = position.get(target) < position.get(name) && !Keys.backing(byName.get(target), fk).isEmpty();
                } else {
                    ready = constraints.referenceStable(fk);
                }
                if (ready) {
                    inline.add(fk);
                } else {
                    deferredForeignKeys.add(ConstraintPlan.addConstraint(name, fk));
                }
            }
            boolean unlogged = table.settings().unlogged();
            Map<String, String> storage = table.settings().storage();
            creates.add(new Change(new CreateTable(name, table.columns(), inline, table.comment(), false,
                    table.inherits(), unlogged, ConstraintPlan.storageSql(storage)), "create "
                    + (unlogged ? "unlogged " : "") + "table " + name + inheriting(table)
                    + (storage.isEmpty() ? "" : " with (" + Descriptions.storage(storage) + ")"), false,
                    restoring ? Descriptions.notRestored(table, DroppedTables.readersElsewhere(table).stream()
                            .filter(reader -> !createdAgainWith(reader, byName)).toList()) : null));
            if (restoring && table.settings().rowSecurity()) {
                boolean force = table.settings().forceRowSecurity();
                creates.add(Change.of(SqlText.enableRowSecurity(name, force), "enable " + (force ? "and force " : "")
                        + "row level security on table " + name + ", as it was"));
            }
            if (restoring) {
                attachedAgain.addAll(attachedAgain(table));
            }
            for (Index index : table.indexes()) {
                creates.add(ConstraintPlan.createIndex(name, index));
            }
        }
    }

    /**
     * The policies, triggers and grants {@code table} had, created again from the statements the database gave for
     * them ({@link dev.retort.schema.TableSettings#definitions()}). A trigger's function is not dropped with the
     * table, and autogenerate drops no function, so it is there when the downgrade runs.
     */
    private static List<Change> attachedAgain(Table table) {
        List<Change> changes = new ArrayList<>();
        for (String attached : table.settings().attached()) {
            String definition = table.settings().definitions().get(attached);
            if (definition != null) {
                changes.add(Change.of(new Execute(definition), "create " + attached + " on table " + table.name()
                        + " again, as it was"));
            }
        }
        return changes;
    }

    /**
     * Whether {@code reader} (a policy or trigger of another table, {@code "policy p on t"}) is one of those a table
     * of {@code created} gets again with it.
     */
    private static boolean createdAgainWith(String reader, Map<QualifiedName, Table> created) {
        for (Table table : created.values()) {
            for (String attached : table.settings().definitions().keySet()) {
                String on = attached + " on " + table.name();
                if (reader.equals(on) || reader.equals(on + Table.MAY_USE)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String inheriting(Table table) {
        return table.inherits().isEmpty() ? ""
                : " inheriting from " + String.join(", ", table.inherits().stream().map(QualifiedName::toString).toList());
    }

    /** The creates, in dependency order, each followed by its table's indexes. */
    List<Change> creates() {
        return List.copyOf(creates);
    }

    /**
     * The policies, triggers and grants of the tables the way back creates again, which must wait until every table
     * and column is back: a policy may read another table, or a column the way back adds again.
     */
    List<Change> attachedAgain() {
        return List.copyOf(attachedAgain);
    }

    /** The foreign keys of new tables that must wait until every table and key exists. */
    List<Change> deferredForeignKeys() {
        return List.copyOf(deferredForeignKeys);
    }
}
