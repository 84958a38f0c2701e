package dev.retort.autogenerate.diff;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Identity;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A child table ({@code INHERITS}) as its parents' changes leave it, before its own run: what the planner compares
 * with the desired child, so that a change to a parent is made once, on the parent.
 *
 * <p>PostgreSQL passes a parent's column changes down to every child: a column added to the parent is added to each
 * child that lacks it (and merged into one that has it, which keeps its own definition); a dropped column goes from
 * each child that has it from its parents alone ({@link Table#inheritedColumns()}), and stays, as the child's own, in
 * one that declares it too, and in every child when the parent drops it from itself alone ({@code ALTER TABLE ONLY},
 * which the planner does when a table below keeps the column); a new type or collation, a default set or dropped,
 * {@code SET} or {@code DROP NOT NULL} and {@code DROP EXPRESSION} reach every child. A child may not drop, retype
 * or rename a column it inherits, so without this the migration would fail on the child, or add the column twice.
 * Check constraints go the same way by name: added, dropped and renamed with the parent's. Comments, identities,
 * keys and indexes are each table's own.
 *
 * <p>Only the parents a child has on both sides reach it this way: the planner ends the inheritance it loses before
 * anything else changes, and starts the one it gains after everything else.
 */
final class ParentChanges {
    /**
     * A parent on both sides of the diff.
     *
     * @param before the parent as the database has it
     * @param received the parent once its own parents' changes reached it (see {@link #reaching})
     * @param after the parent as desired
     * @param renames the parent's columns renamed (its own renames, and those that reached it from its parents), old
     *     name to new: PostgreSQL renames them in its children too, which may not rename them themselves
     * @param droppedAlone the columns the parent drops from itself alone ({@code ALTER TABLE ONLY}), as a table below
     *     it keeps them: they stay in each child, as its own
     */
    record Parent(Table before, Table received, Table after, Map<String, String> renames, Set<String> droppedAlone) {
        Parent {
            renames = Map.copyOf(renames);
            droppedAlone = Set.copyOf(droppedAlone);
        }
    }

    /**
     * A child as its parents' changes leave it.
     *
     * @param table the child, with the columns and checks the changes left it
     * @param retyped its columns whose type or collation the changes set, or that {@code first} retypes: PostgreSQL
     *     retypes them in the child, so the foreign keys over them are rebuilt as over the child's own
     * @param first the retypes of the child's own columns that must run before a parent adds a column of their name
     *     but of another type or collation, which PostgreSQL refuses to merge ("child table has different type")
     */
    record Reached(Table table, Set<String> retyped, List<KeptTable> first) {
        Reached {
            retyped = Set.copyOf(retyped);
            first = List.copyOf(first);
        }
    }

    private final Map<String, ColumnDef> columns = new LinkedHashMap<>();
    private final Set<String> inheritedColumns;
    private final Map<String, CheckDef> checks = new LinkedHashMap<>();
    private final Set<String> inheritedChecks;
    private final List<Parent> parents;
    private final Set<String> droppedColumns = new HashSet<>();
    private final Set<String> retyped = new HashSet<>();
    private final List<KeptTable> first = new ArrayList<>();
    private final Table child;

    private ParentChanges(Table child, List<Parent> parents) {
        this.child = child;
        child.columns().forEach(c -> columns.put(c.name(), c));
        child.checks().forEach(c -> checks.put(c.name(), c));
        inheritedColumns = new HashSet<>(child.inheritedColumns());
        inheritedChecks = new HashSet<>(child.inheritedChecks());
        this.parents = parents;
    }

    /**
     * {@code child} as it is once the changes to {@code parents} have reached it: each parent's, in order, first those
     * it received from its own parents, then its own.
     */
    static Reached reaching(Table child, List<Parent> parents) {
        if (parents.isEmpty()) {
            return new Reached(child, Set.of(), List.of());
        }
        Table renamed = RenamedSchema.withColumnsRenamed(child, renames(child, parents));
        ParentChanges changes = new ParentChanges(renamed, parents);
        for (Parent parent : parents) {
            changes.apply(parent, parent.before(), parent.received(), Set.of());
            changes.apply(parent, parent.received(), parent.after(), parent.droppedAlone());
        }
        return new Reached(changes.table(renamed), changes.retyped, changes.first);
    }

    /**
     * {@code desired} with each child's inherited columns and checks ({@link Table#inheritedColumns()}) as the upgrade
     * from {@code current} leaves them in the database, rather than as the model declares them: the downgrade is
     * planned from there. A child's column stays its own if it was, and one its kept parents' changes add is
     * inherited; a new table declares all its columns and checks, as autogenerate creates it.
     */
    static DatabaseSchema asUpgraded(DatabaseSchema current, DatabaseSchema desired, RenameAnswers answers) {
        Map<QualifiedName, Table> before = new HashMap<>();
        RenamedSchema.apply(current, answers).tables().forEach(t -> before.put(t.name(), t));
        Map<QualifiedName, Table> after = new HashMap<>();
        desired.tables().forEach(t -> after.put(t.name(), t));
        List<Table> tables = new ArrayList<>();
        for (Table table : desired.tables()) {
            Table old = before.get(table.name());
            if (old == null) {
                tables.add(new Table(table.name(), table.columns(), table.primaryKey(), table.uniques(),
                        table.foreignKeys(), table.checks(), table.indexes(), table.comment(), table.inherits())
                        .withSettings(table.settings()).withExclusions(table.exclusions()));
                continue;
            }
            List<Table> parents = table.inherits().stream()
                    .filter(p -> old.inherits().contains(p) && before.containsKey(p) && after.containsKey(p))
                    .map(after::get).toList();
            Set<String> columns = table.columns().stream().map(ColumnDef::name)
                    .filter(c -> old.column(c).isEmpty() || old.inheritedColumns().contains(c))
                    .filter(c -> parents.stream().anyMatch(p -> p.column(c).isPresent()))
                    .collect(Collectors.toSet());
            Set<String> checks = table.checks().stream()
                    .filter(c -> !old.checks().contains(c) || old.inheritedChecks().contains(c.name()))
                    .filter(c -> parents.stream().anyMatch(p -> p.checks().contains(c)))
                    .map(CheckDef::name).collect(Collectors.toSet());
            tables.add(new Table(table.name(), table.columns(), table.primaryKey(), table.uniques(),
                    table.foreignKeys(), table.checks(), table.indexes(), table.comment(), table.inherits(), columns,
                    checks, table.unvalidatedNotNulls(), table.readers(), table.settings(), table.exclusions()));
        }
        return new DatabaseSchema(desired.schemas(), tables, desired.enums(), desired.sequences(),
                desired.extensions());
    }

    /** The renames of {@code parents} that rename columns of {@code child}: their own, and those passed to them. */
    static Map<String, String> renames(Table child, List<Parent> parents) {
        Map<String, String> renames = new HashMap<>();
        for (Parent parent : parents) {
            parent.renames().forEach((from, to) -> {
                if (child.column(from).isPresent()) {
                    renames.putIfAbsent(from, to);
                }
            });
        }
        return renames;
    }

    /**
     * Passes the change of {@code parent} from {@code from} to {@code to} down to the child; the parent drops the
     * columns {@code droppedAlone} from itself alone, which leaves them to the child as its own.
     */
    private void apply(Parent parent, Table from, Table to, Set<String> droppedAlone) {
        for (ColumnDef column : from.columns()) {
            if (to.column(column.name()).isEmpty() && inheritedOnly(column.name(), inheritedColumns, parent,
                    p -> p.after().column(column.name()).isPresent())) {
                inheritedColumns.remove(column.name());
                if (!droppedAlone.contains(column.name())) {
                    columns.remove(column.name());
                    droppedColumns.add(column.name());
                }
            }
        }
        for (ColumnDef column : to.columns()) {
            ColumnDef old = from.column(column.name()).orElse(null);
            ColumnDef own = columns.get(column.name());
            if (old == null && own == null) {
                // The child's comment is its own, and PostgreSQL passes no identity down.
                columns.put(column.name(), column.comment(null).identity(Identity.NONE));
                inheritedColumns.add(column.name());
                droppedColumns.remove(column.name());
            } else if (old == null && (!own.type().equals(column.type())
                    || !Objects.equals(own.collation(), column.collation()))) {
                // The child's own column takes the parent's type first, which PostgreSQL then merges.
                ColumnDef merged = new ColumnDef(own.name(), column.type(), own.nullable(), own.defaultExpression(),
                        own.identity(), own.generatedExpression(), own.virtual(), own.primaryKey(), own.unique(),
                        own.comment(), column.collation(), own.identityOptions());
                first.add(new KeptTable(alone(own), alone(merged)));
                columns.put(column.name(), merged);
                retyped.add(column.name());
            } else if (old != null && own != null) {
                ColumnDef followed = following(own, old, column, !inheritedColumns.contains(column.name()));
                if (!followed.type().equals(own.type()) || !Objects.equals(followed.collation(), own.collation())) {
                    retyped.add(column.name());
                }
                columns.put(column.name(), followed);
            }
        }
        Map<String, CheckDef> fromChecks = new LinkedHashMap<>();
        from.checks().forEach(c -> fromChecks.put(c.name(), c));
        Map<String, CheckDef> toChecks = new LinkedHashMap<>();
        to.checks().forEach(c -> toChecks.put(c.name(), c));
        for (CheckDef check : from.checks()) {
            CheckDef counterpart = toChecks.get(check.name());
            if (counterpart != null && counterpart.expression().equals(check.expression())) {
                continue;
            }
            CheckDef renamed = counterpart != null ? null : to.checks().stream()
                    .filter(c -> !fromChecks.containsKey(c.name()) && c.expression().equals(check.expression()))
                    .findFirst().orElse(null);
            CheckDef own = checks.get(check.name());
            if (renamed != null && own != null) {
                // A check renamed on the parent is renamed on its children too.
                checks.remove(check.name());
                checks.put(renamed.name(), own.named(renamed.name()));
                if (inheritedChecks.remove(check.name())) {
                    inheritedChecks.add(renamed.name());
                }
                fromChecks.put(renamed.name(), renamed);
            } else if (own != null && inheritedOnly(check.name(), inheritedChecks, parent,
                    p -> p.after().checks().stream().anyMatch(c -> c.name().equals(check.name())))) {
                checks.remove(check.name());
                inheritedChecks.remove(check.name());
            }
        }
        for (CheckDef check : to.checks()) {
            CheckDef old = fromChecks.get(check.name());
            if ((old == null || !old.expression().equals(check.expression())) && !checks.containsKey(check.name())) {
                checks.put(check.name(), check);
                inheritedChecks.add(check.name());
            }
        }
    }

    /**
     * Whether the child has {@code name} from its parents alone, and from none but {@code parent} among them: then
     * PostgreSQL drops it from the child when it drops it from the parent.
     */
    private boolean inheritedOnly(String name, Set<String> inherited, Parent parent, Predicate<Parent> gives) {
        return inherited.contains(name) && parents.stream().filter(p -> p != parent).noneMatch(gives);
    }

    /**
     * The child's column {@code own} once the parent's column changed from {@code old} to {@code column}: what the
     * parent's change sets reaches the child, the rest stays the child's. A NOT NULL the child {@code declared}
     * itself stays on PostgreSQL 18 when the parent's goes (the parent's drop lowers its inheritance count), so it is
     * left for the child's own drop, which runs after the parent's and does nothing on 12 to 17.
     */
    private static ColumnDef following(ColumnDef own, ColumnDef old, ColumnDef column, boolean declared) {
        ColumnDef result = own;
        if (!Objects.equals(old.generatedExpression(), column.generatedExpression())) {
            result = result.defaultExpression(null).generatedAs(column.generatedExpression());
        }
        boolean typeChanged = !old.type().equals(column.type()) || !Objects.equals(old.collation(), column.collation());
        boolean defaultChanged = !Objects.equals(old.defaultExpression(), column.defaultExpression());
        if (typeChanged) {
            result = new ColumnDef(result.name(), column.type(), result.nullable(), result.defaultExpression(),
                    result.identity(), result.generatedExpression(), result.virtual(), result.primaryKey(),
                    result.unique(), result.comment(), column.collation(), result.identityOptions());
        }
        // A new type that the old default cannot take has the default dropped first and set again (ColumnChanges).
        boolean defaultReset = typeChanged && old.defaultExpression() != null
                && !TypeNames.sameBase(old.type(), column.type());
        if ((defaultChanged || defaultReset) && result.identity() == Identity.NONE
                && result.generatedExpression() == null) {
            result = result.defaultExpression(column.defaultExpression());
        }
        if (old.nullable() != column.nullable() && !(column.nullable() && declared)) {
            result = result.nullable(column.nullable());
        }
        return result;
    }

    /** The child with {@code column} alone: what its retype ahead of its parent's change reads. */
    private Table alone(ColumnDef column) {
        return new Table(child.name(), List.of(column), null, List.of(), List.of(), List.of(), List.of(), null,
                child.inherits());
    }

    /** The child, with the columns and checks the changes left it, and without what went with a dropped column. */
    private Table table(Table child) {
        PrimaryKeyDef primaryKey = child.primaryKey() != null && (touches(child.primaryKey().columns())
                || touches(child.primaryKey().include())) ? null : child.primaryKey();
        List<UniqueDef> uniques = child.uniques().stream().filter(u -> !touches(u.columns()) && !touches(u.include()))
                .toList();
        List<ForeignKeyDef> foreignKeys = child.foreignKeys().stream().filter(f -> !touches(f.columns())).toList();
        List<Index> indexes = child.indexes().stream().filter(i -> !touches(i)).toList();
        List<ExcludeDef> exclusions = child.exclusions().stream()
                .filter(x -> !ExpressionNames.mentions(x.definition(), droppedColumns)).toList();
        List<CheckDef> remaining = checks.values().stream()
                .filter(c -> !ExpressionNames.mentions(c.expression(), droppedColumns))
                .sorted(Comparator.comparing(CheckDef::name)).toList();
        Set<String> remainingNames = remaining.stream().map(CheckDef::name).collect(Collectors.toSet());
        inheritedChecks.retainAll(remainingNames);
        Map<String, String> unvalidated = child.unvalidatedNotNulls().entrySet().stream()
                .filter(e -> columns.containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new Table(child.name(), new ArrayList<>(columns.values()), primaryKey, uniques, foreignKeys, remaining,
                indexes, child.comment(), child.inherits(), inheritedColumns, inheritedChecks, unvalidated, Map.of(),
                child.settings(), exclusions);
    }

    /** Whether one of {@code names} is a column the parents' changes dropped: PostgreSQL drops what is built on it. */
    private boolean touches(List<String> names) {
        return names.stream().anyMatch(droppedColumns::contains);
    }

    private boolean touches(Index index) {
        for (IndexElement element : index.elements()) {
            if (element.column() != null ? droppedColumns.contains(element.column())
                    : ExpressionNames.mentions(element.expression(), droppedColumns)) {
                return true;
            }
        }
        return touches(index.include()) || ExpressionNames.mentions(index.predicate(), droppedColumns);
    }
}
