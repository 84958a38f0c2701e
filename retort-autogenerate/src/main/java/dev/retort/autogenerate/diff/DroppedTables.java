package dev.retort.autogenerate.diff;

import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropTable;
import dev.retort.operation.Execute;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Drops the tables that go, each before the tables it references or inherits from: the mirror image of
 * {@link NewTables}. PostgreSQL refuses to drop a table that others inherit from ({@code INHERITS}), as it
 * refuses one a foreign key references, so children go first.
 *
 * <p>The tables are put in creation order, the foreign keys that creating them would have had to add
 * afterwards (those inside cycles) are dropped first, and the tables are dropped in reverse. So are, inside such a
 * cycle, a child's inheritance from a parent placed after it ({@code NO INHERIT}) and a table's policies and
 * triggers that read a table placed after it: a parent whose policy reads its child makes one.
 *
 * <p>Tables go last, but those whose name the desired schema gives to an enum type (a table's row type has the
 * table's name, among the types), a sequence or an index (tables, sequences and indexes share a namespace) go
 * first ({@link #first}), once the foreign keys that reference them are dropped, and so do those whose own policies
 * or triggers read a column that a table that stays drops or retypes, and the dropped tables that reference or
 * inherit from them or whose own policies or triggers read them.
 */
final class DroppedTables {
    private DroppedTables() {
    }

    /**
     * The tables of {@code tables} that go first: those whose name {@code desired} gives to a type or a relation,
     * those whose own policies or triggers read a column that one of {@code kept} drops or retypes, and the tables of
     * {@code tables} that reference or inherit from them, or whose own policies or triggers read them, directly or
     * through others. PostgreSQL drops or retypes no column a policy or a trigger reads ("other objects depend on
     * it"), and the policy goes with its table anyway: dropped before the column changes, it is in no one's way.
     */
    static List<Table> first(List<Table> tables, DatabaseSchema desired, Collection<KeptTable> kept) {
        Set<QualifiedName> first = new HashSet<>();
        Map<QualifiedName, Table> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        tables.stream().filter(t -> takenBy(t.name(), desired) != null
                || readsChangingColumn(t, ancestors(t, byName), kept)).forEach(t -> first.add(t.name()));
        boolean grew = !first.isEmpty();
        while (grew) {
            grew = false;
            for (Table table : tables) {
                if (!first.contains(table.name()) && (table.foreignKeys().stream()
                        .anyMatch(fk -> first.contains(fk.referencedTable()))
                        || table.inherits().stream().anyMatch(first::contains)
                        || tables.stream().filter(t -> first.contains(t.name())).anyMatch(t -> readersElsewhere(t)
                                .stream().anyMatch(r -> Descriptions.goesWith(r, table.name()))))) {
                    grew = first.add(table.name());
                }
            }
        }
        return tables.stream().filter(t -> first.contains(t.name())).toList();
    }

    /**
     * Whether a policy or a trigger of {@code table} reads a column that one of {@code kept} drops or retypes: that
     * table's, or, where {@code table} inherits from it, its own copy of it, which PostgreSQL drops or retypes with
     * the parent's.
     *
     * @param ancestors what {@code table} inherits from, directly or through the dropped tables between
     */
    private static boolean readsChangingColumn(Table table, Set<QualifiedName> ancestors,
            Collection<KeptTable> kept) {
        return kept.stream().anyMatch(k -> k.unstable().stream().anyMatch(c -> Stream.concat(
                k.before().readers().getOrDefault(c, List.of()).stream(), ancestors.contains(k.name())
                        ? table.readers().getOrDefault(c, List.of()).stream() : Stream.empty())
                .anyMatch(r -> Descriptions.goesWith(r, table.name()))));
    }

    /**
     * The tables {@code table} inherits from, and those its dropped parents inherit from, and so on: a column a kept
     * ancestor drops goes from every table below it. A kept parent in between has its own unstable columns.
     */
    private static Set<QualifiedName> ancestors(Table table, Map<QualifiedName, Table> dropped) {
        Set<QualifiedName> ancestors = new HashSet<>();
        List<QualifiedName> next = new ArrayList<>(table.inherits());
        while (!next.isEmpty()) {
            QualifiedName parent = next.remove(next.size() - 1);
            if (ancestors.add(parent) && dropped.containsKey(parent)) {
                next.addAll(dropped.get(parent).inherits());
            }
        }
        return ancestors;
    }

    /** What {@code desired} has of the name of a dropped table, or null: an enum type, a sequence, an index. */
    private static String takenBy(QualifiedName table, DatabaseSchema desired) {
        if (desired.enumType(table).isPresent()) {
            return "enum type " + table;
        }
        if (desired.sequence(table).isPresent()) {
            return "sequence " + table;
        }
        return SchemaNames.isRelation(desired, table) ? "an index" : null;
    }

    /**
     * The warning on a dropped table whose columns views, materialized views, rules or policies of another table
     * read, or functions or foreign keys of another table use, or null: PostgreSQL drops such a table only with
     * CASCADE. Its own policies and triggers go with it, and so did those of the tables {@code dropped} before it,
     * and {@code readersDropped}, dropped to break a cycle.
     */
    private static String readers(Table table, Set<QualifiedName> dropped, Set<String> readersDropped) {
        List<String> readers = readersElsewhere(table).stream().filter(r -> !readersDropped.contains(r))
                .filter(r -> dropped.stream().noneMatch(d -> Descriptions.goesWith(r, d))).toList();
        if (readers.isEmpty()) {
            return null;
        }
        // Views alone keep the words of the first warning of this kind.
        boolean views = readers.stream().allMatch(Descriptions::viewOrPolicy);
        return String.join(", ", readers) + (readers.size() == 1 ? " reads " : " read ") + table.name()
                + ": PostgreSQL drops no table " + (views ? "a view reads" : "other objects use")
                + " (\"other objects depend on it\"), so this step fails; "
                + "drop " + (readers.size() == 1 ? "it" : "them") + " before it, in this migration (op.execute), "
                + "or keep the table.";
    }

    /** What uses {@code table} besides its own policies and triggers, which go with it, sorted. */
    static List<String> readersElsewhere(Table table) {
        return table.readers().values().stream().flatMap(List::stream)
                .filter(r -> !Descriptions.goesWith(r, table.name())).distinct().sorted().toList();
    }

    /**
     * @param tables the dropped tables, as the current schema has them
     * @param constraints tells which foreign keys are dropped already
     */
    static List<Change> drops(List<Table> tables, ConstraintPlan constraints, RenameAnswers renames,
            DatabaseSchema desired) {
        Map<QualifiedName, Table> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        // A parent is placed before its children as a referenced table is, and so is a table that the table's own
        // policies or triggers read: dropped after it, it is read by nothing. Inheritance alone makes no cycle, but
        // with a parent's policy that reads its child it does.
        List<QualifiedName> order = DependencyOrder.of(byName.keySet(), name -> Stream.of(
                byName.get(name).foreignKeys().stream()
                        .filter(fk -> !constraints.foreignKeyDropped(name, fk.name()))
                        .map(ForeignKeyDef::referencedTable),
                byName.get(name).inherits().stream(),
                tables.stream().filter(other -> readersElsewhere(other).stream()
                        .anyMatch(r -> Descriptions.goesWith(r, name))).map(Table::name))
                .flatMap(s -> s).toList());
        Map<QualifiedName, Integer> position = new HashMap<>();
        for (QualifiedName name : order) {
            position.put(name, position.size());
        }
        List<Change> changes = new ArrayList<>();
        Set<String> readersDropped = new HashSet<>();
        for (QualifiedName name : order) {
            Table table = byName.get(name);
            for (ForeignKeyDef fk : table.foreignKeys()) {
                Integer target = position.get(fk.referencedTable());
                if (target != null && target > position.get(name) && !constraints.foreignKeyDropped(name, fk.name())) {
                    changes.add(Change.of(new DropConstraint(name, fk.name(), false, false),
                            "drop " + Descriptions.constraint(name, fk) + ", to break the cycle of dropped tables"));
                }
            }
            for (QualifiedName parent : table.inherits()) {
                Integer target = position.get(parent);
                if (target != null && target > position.get(name)) {
                    changes.add(Change.of(SqlText.inheritance(name, parent, false),
                            "stop " + name + " inheriting from " + parent + ", to break the cycle of dropped tables"));
                }
            }
            for (Table read : tables) {
                if (position.get(read.name()) > position.get(name)) {
                    readersElsewhere(read).stream().filter(r -> Descriptions.goesWith(r, name))
                            .filter(readersDropped::add).forEach(r -> changes.add(Change.of(dropReader(r, name),
                                    "drop " + r + ", to break the cycle of dropped tables")));
                }
            }
        }
        Set<QualifiedName> dropped = new HashSet<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            QualifiedName name = order.get(i);
            String takenBy = takenBy(name, desired);
            changes.add(Change.losing(new DropTable(name, false, false), "drop table " + name
                    + (takenBy == null ? "" : ", before " + takenBy + " takes its name"),
                    Descriptions.both(renames.tableWarning(name), readers(byName.get(name), dropped, readersDropped))));
            dropped.add(name);
        }
        return changes;
    }

    /**
     * Drops {@code reader}, a policy or a trigger of {@code table} ({@link Descriptions#goesWith}) that reads a table
     * dropped before it; the downgrade creates it again with its table.
     */
    private static Execute dropReader(String reader, QualifiedName table) {
        String kind = reader.startsWith("policy ") ? "policy" : "trigger";
        String described = reader.endsWith(Table.MAY_USE)
                ? reader.substring(0, reader.length() - Table.MAY_USE.length()) : reader;
        String name = described.substring(kind.length() + 1, described.length() - (" on " + table).length());
        return new Execute("DROP " + kind.toUpperCase(Locale.ROOT) + " " + SqlText.quote(name) + " ON "
                + SqlText.quote(table));
    }
}
