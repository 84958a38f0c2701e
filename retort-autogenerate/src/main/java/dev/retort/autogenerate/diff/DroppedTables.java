package dev.retort.autogenerate.diff;

import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropTable;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops the tables that go, each before the tables it references: the mirror image of {@link NewTables}.
 *
 * <p>The tables are put in creation order, the foreign keys that creating them would have had to add
 * afterwards (those inside cycles) are dropped first, and the tables are dropped in reverse.
 */
final class DroppedTables {
    private DroppedTables() {
    }

    /**
     * @param tables the dropped tables, as the current schema has them
     * @param constraints tells which foreign keys are dropped already
     */
    static List<Change> drops(List<Table> tables, ConstraintPlan constraints, RenameAnswers renames) {
        Map<QualifiedName, Table> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        List<QualifiedName> order = DependencyOrder.of(byName.keySet(), name -> byName.get(name).foreignKeys().stream()
                .filter(fk -> !constraints.foreignKeyDropped(name, fk.name()))
                .map(ForeignKeyDef::referencedTable)
                .toList());
        Map<QualifiedName, Integer> position = new HashMap<>();
        for (QualifiedName name : order) {
            position.put(name, position.size());
        }
        List<Change> changes = new ArrayList<>();
        for (QualifiedName name : order) {
            for (ForeignKeyDef fk : byName.get(name).foreignKeys()) {
                Integer target = position.get(fk.referencedTable());
                if (target != null && target > position.get(name) && !constraints.foreignKeyDropped(name, fk.name())) {
                    changes.add(Change.of(new DropConstraint(name, fk.name(), false, false),
                            "drop " + Descriptions.constraint(name, fk) + ", to break the cycle of dropped tables"));
                }
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            QualifiedName name = order.get(i);
            changes.add(Change.losing(new DropTable(name, false, false), "drop table " + name,
                    renames.tableWarning(name)));
        }
        return changes;
    }
}
