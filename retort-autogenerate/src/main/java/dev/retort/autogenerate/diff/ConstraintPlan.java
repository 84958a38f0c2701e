package dev.retort.autogenerate.diff;

import dev.retort.RetortException;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.CheckDef;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropIndex;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TableConstraint;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The constraint and index part of a diff for the tables that stay, plus the foreign keys of dropped tables
 * that must go early (those whose target is retyped, loses its key, or is made logged or unlogged).
 *
 * <p>Everything that must go is dropped before anything is created (foreign keys first, since they depend on
 * the other tables' keys), so a name a drop frees can be reused by a new table, constraint or index. A foreign
 * key is also dropped and added again when the key it references is dropped, or a column on either end is
 * retyped (by the table's own change, or by its parent's, which PostgreSQL passes down) or recreated. An
 * exclusion constraint over a column that is dropped, recreated or retyped is dropped and added again around the
 * change. Foreign keys are added last, once every key they reference exists. A check or an index whose expression
 * names an enum type that is recreated is dropped and added again around the conversion of its columns
 * ({@link EnumPlan#namesRecreated}).
 */
final class ConstraintPlan {
    private final Map<QualifiedName, Table> currentTables;
    private final Map<QualifiedName, KeptTable> kept;
    private final EnumPlan enums;
    private final boolean upgrade;
    private final Map<QualifiedName, Set<String>> droppedKeys = new HashMap<>();
    private final Set<List<Object>> droppedForeignKeys = new HashSet<>();
    private final List<Change> foreignKeyDrops = new ArrayList<>();
    private final List<Change> drops = new ArrayList<>();
    private final List<Change> renames = new ArrayList<>();
    private final Map<QualifiedName, List<Change>> additions = new HashMap<>();
    private final List<Change> foreignKeyAdds = new ArrayList<>();

    /**
     * @param current the current schema with confirmed renames applied
     * @param kept the tables on both sides, in name order
     * @param dropped the current tables that are dropped at the end, in name order (not those that go first,
     *     {@link DroppedTables#first}, which take their constraints and indexes with them)
     * @param enums the enum types' changes, for the checks and indexes that name a recreated one
     * @param upgrade whether {@code desired} is the model's schema, so that a unique rule it lacks is warned of
     */
    ConstraintPlan(DatabaseSchema current, DatabaseSchema desired, Map<QualifiedName, KeptTable> kept,
            List<Table> dropped, EnumPlan enums, boolean upgrade) {
        this.kept = kept;
        this.upgrade = upgrade;
        this.enums = enums;
        this.currentTables = new HashMap<>();
        current.tables().forEach(t -> currentTables.put(t.name(), t));
        Map<String, Set<String>> currentRelations = relationNames(current);
        for (KeptTable table : kept.values()) {
            planKeysAndIndexes(table, currentRelations.getOrDefault(schema(table.name()), Set.of()));
        }
        Map<String, Set<String>> desiredRelations = relationNames(desired);
        for (Table table : dropped) {
            freeNames(table, desiredRelations.getOrDefault(schema(table.name()), Set.of()));
        }
        for (KeptTable table : kept.values()) {
            planForeignKeys(table);
        }
        for (Table table : dropped) {
            for (ForeignKeyDef fk : table.foreignKeys()) {
                if (targetDisturbed(fk) || persistenceChanges(fk.referencedTable())) {
                    dropForeignKey(table.name(), fk);
                }
            }
        }
    }

    /** Foreign keys to drop, before any other change to tables. */
    List<Change> foreignKeyDrops() {
        return List.copyOf(foreignKeyDrops);
    }

    /** Other constraints and indexes to drop, then those renamed in place: before tables are created. */
    List<Change> dropsAndRenames() {
        List<Change> changes = new ArrayList<>(drops);
        changes.addAll(renames);
        return changes;
    }

    /**
     * Primary keys, unique, check and exclusion constraints and indexes to add to {@code table}, after its columns
     * change.
     */
    List<Change> additions(QualifiedName table) {
        return additions.getOrDefault(table, List.of());
    }

    /** Foreign keys to add to the tables that stay: after all tables and keys exist. */
    List<Change> foreignKeyAdds() {
        return List.copyOf(foreignKeyAdds);
    }

    /** Whether the foreign key {@code name} of {@code table} is dropped early. */
    boolean foreignKeyDropped(QualifiedName table, String name) {
        return name != null && droppedForeignKeys.contains(List.of(table, name));
    }

    /**
     * Whether a new table can declare {@code fk} inline: the table it references stays, and the key and columns
     * it references exist now and are not touched by this diff.
     */
    boolean referenceStable(ForeignKeyDef fk) {
        KeptTable target = kept.get(fk.referencedTable());
        if (target == null) {
            // Not part of the model (a filtered-out table, say): it is there already.
            return !currentTables.containsKey(fk.referencedTable());
        }
        List<String> columns = Keys.referencedColumns(target.before(), fk);
        return !columns.isEmpty() && columns.stream().allMatch(c -> target.beforeColumn(c) != null)
                && !Keys.backing(target.before(), fk).isEmpty() && !targetDisturbed(fk);
    }

    private void planKeysAndIndexes(KeptTable table, Set<String> relations) {
        QualifiedName name = table.name();
        Table before = table.before();
        Table after = table.after();
        Set<String> constraintNames = constraintNames(before);
        Set<String> keys = droppedKeys.computeIfAbsent(name, k -> new HashSet<>());
        List<Change> added = additions.computeIfAbsent(name, k -> new ArrayList<>());

        Matching<PrimaryKeyDef> primaryKey = new Matching<>(listOf(before.primaryKey()), listOf(after.primaryKey()),
                PrimaryKeyDef::name, pk -> pk.named(null),
                pk -> reshaped(table, pk.columns(), pk.include()), relations::contains);
        Matching<UniqueDef> uniques = new Matching<>(before.uniques(), after.uniques(), UniqueDef::name,
                u -> u.named(null), u -> reshaped(table, u.columns(), u.include()), relations::contains);
        Matching<CheckDef> checks = new Matching<>(before.checks(), after.checks(), CheckDef::name,
                c -> c.named(null), c -> rebuild(c, table), constraintNames::contains);
        // An exclusion constraint's index takes its name in the relation namespace, as a unique constraint's does.
        Matching<ExcludeDef> exclusions = new Matching<>(before.exclusions(), after.exclusions(), ExcludeDef::name,
                x -> x.named(null), x -> rebuild(x, table), relations::contains);
        Matching<Index> indexes = new Matching<>(before.indexes(), after.indexes(), Index::name,
                i -> new Index("", i.unique(), i.nullsNotDistinct(), i.method(), i.elements(), i.include(),
                        i.predicate(), i.storage()),
                i -> rebuild(i, table), relations::contains);
        alterStorage(name, indexes, table, added);

        for (CheckDef check : checks.dropped()) {
            dropConstraint(name, check);
        }
        for (ExcludeDef exclusion : exclusions.dropped()) {
            dropConstraint(name, exclusion);
        }
        for (UniqueDef unique : uniques.dropped()) {
            drops.add(new Change(new DropConstraint(name, named(name, unique), false, false),
                    "drop " + Descriptions.constraint(name, unique), false,
                    upgrade ? UniqueRules.lost(table, unique) : null));
            keys.add(Keys.unique(unique.name()));
        }
        for (PrimaryKeyDef pk : primaryKey.dropped()) {
            dropConstraint(name, pk);
            keys.add(Keys.PRIMARY_KEY);
        }
        for (Index index : indexes.dropped()) {
            drops.add(new Change(new DropIndex(QualifiedName.of(name.schema(), index.name()), false, false, false),
                    "drop " + Descriptions.index(name, index), false, upgrade ? UniqueRules.lost(table, index) : null));
            keys.add(Keys.index(index.name()));
        }
        renameConstraints(name, primaryKey);
        renameConstraints(name, uniques);
        renameConstraints(name, checks);
        renameConstraints(name, exclusions);
        for (Matching.Renamed<Index> index : indexes.renamed()) {
            renames.add(Change.of(SqlText.renameIndex(name, index.from().name(), index.to().name()),
                    "rename index " + index.from().name() + " on " + name + " to " + index.to().name()));
        }

        primaryKey.added().forEach(pk -> added.add(addConstraint(name, pk)));
        uniques.added().forEach(u -> added.add(addConstraint(name, u)));
        checks.added().forEach(c -> added.add(addConstraint(name, c)));
        exclusions.added().forEach(x -> added.add(addConstraint(name, x)));
        indexes.added().forEach(i -> added.add(createIndex(name, i)));
    }

    /**
     * Takes out of {@code indexes}' drops and adds each index that changes its storage parameters alone, and sets and
     * resets them in place instead ({@code ALTER INDEX ... SET (...)}): that needs no rebuild. The new values apply to
     * what is written from then on; a {@code REINDEX} applies them to the entries already there.
     */
    private void alterStorage(QualifiedName table, Matching<Index> indexes, KeptTable kept, List<Change> added) {
        for (Index before : List.copyOf(indexes.dropped())) {
            Index after = indexes.added().stream()
                    .filter(i -> i.name().equals(before.name()) && i.withStorage(Map.of())
                            .equals(before.withStorage(Map.of())))
                    .findFirst().orElse(null);
            if (after == null || rebuild(before, kept)) {
                continue;
            }
            indexes.dropped().remove(before);
            indexes.added().remove(after);
            QualifiedName index = QualifiedName.of(table.schema(), before.name());
            Map<String, String> set = new TreeMap<>(after.storage());
            set.entrySet().removeAll(before.storage().entrySet());
            List<String> reset = before.storage().keySet().stream().filter(p -> !after.storage().containsKey(p))
                    .sorted().toList();
            if (!set.isEmpty()) {
                added.add(Change.of(SqlText.setStorage(index, storageSql(set)),
                        "set storage parameters of index " + before.name() + " on " + table + ": "
                                + Descriptions.storage(set)));
            }
            if (!reset.isEmpty()) {
                added.add(Change.of(SqlText.resetStorage(index, reset),
                        "reset storage parameters of index " + before.name() + " on " + table + ": "
                                + String.join(", ", reset)));
            }
        }
    }

    private void planForeignKeys(KeptTable table) {
        QualifiedName name = table.name();
        Set<String> ownColumns = new HashSet<>(table.recreated());
        ownColumns.addAll(table.retyped());
        ownColumns.addAll(table.retypedAbove());
        Set<String> constraintNames = constraintNames(table.before());
        Matching<ForeignKeyDef> foreignKeys = new Matching<>(table.before().foreignKeys(), table.after().foreignKeys(),
                ForeignKeyDef::name, fk -> fk.named(null),
                fk -> intersects(fk.columns(), ownColumns) || targetDisturbed(fk), constraintNames::contains);
        foreignKeys.dropped().forEach(fk -> dropForeignKey(name, fk));
        renameConstraints(name, foreignKeys);
        foreignKeys.added().forEach(fk -> foreignKeyAdds.add(addConstraint(name, fk)));
    }

    /**
     * Drops the keys and indexes of a dropped table whose names the desired schema reuses, so that the new
     * objects can be created before the table goes.
     */
    private void freeNames(Table table, Set<String> desiredRelations) {
        Set<String> keys = droppedKeys.computeIfAbsent(table.name(), k -> new HashSet<>());
        PrimaryKeyDef pk = table.primaryKey();
        if (pk != null && pk.name() != null && desiredRelations.contains(pk.name())) {
            dropConstraint(table.name(), pk);
            keys.add(Keys.PRIMARY_KEY);
        }
        for (UniqueDef unique : table.uniques()) {
            if (desiredRelations.contains(unique.name())) {
                dropConstraint(table.name(), unique);
                keys.add(Keys.unique(unique.name()));
            }
        }
        for (ExcludeDef exclusion : table.exclusions()) {
            if (desiredRelations.contains(exclusion.name())) {
                dropConstraint(table.name(), exclusion);
            }
        }
        for (Index index : table.indexes()) {
            if (desiredRelations.contains(index.name())) {
                dropIndex(table.name(), index);
                keys.add(Keys.index(index.name()));
            }
        }
    }

    /**
     * Whether {@code table} is made logged or unlogged: a dropped logged table's foreign key to it would keep it from
     * being made unlogged ({@link PersistenceChanges}), and goes early.
     */
    private boolean persistenceChanges(QualifiedName table) {
        KeptTable target = kept.get(table);
        return target != null && target.before().settings().unlogged() != target.after().settings().unlogged();
    }

    /** Whether what {@code fk} references is dropped, retyped or recreated by this diff. */
    private boolean targetDisturbed(ForeignKeyDef fk) {
        Table target = currentTables.get(fk.referencedTable());
        if (target == null) {
            return false;
        }
        KeptTable keptTarget = kept.get(fk.referencedTable());
        if (keptTarget != null && intersects(Keys.referencedColumns(target, fk), keptTarget.unstable())) {
            return true;
        }
        Set<String> dropped = droppedKeys.getOrDefault(fk.referencedTable(), Set.of());
        return Keys.backing(target, fk).stream().anyMatch(dropped::contains);
    }

    /**
     * Whether an unchanged check must be dropped before its table changes and added after: when it reads a column
     * that is dropped or recreated (PostgreSQL drops it with the column), or more than one retyped column, or names
     * an enum type that is recreated ({@link EnumPlan#namesRecreated}).
     *
     * <p>A check over one retyped column survives ALTER COLUMN TYPE: PostgreSQL parses its expression again over
     * the new type. When the expression is the same on both sides, that parse is the one the desired schema's was
     * (the desired schema is what the dev database printed for the same text, over the same types), so the check
     * comes out exactly as desired, and keeping it saves a full scan of the table to validate it again. A check
     * over two retyped columns is parsed once per ALTER, the first time over one new and one old type, which may
     * not even type-check; it is rebuilt.
     */
    private boolean rebuild(CheckDef check, KeptTable table) {
        if (ExpressionNames.mentions(check.expression(), table.reshaped())
                || enums.namesRecreated(check.expression())) {
            return true;
        }
        return table.retyped().stream().filter(c -> ExpressionNames.mentions(check.expression(), Set.of(c)))
                .count() > 1;
    }

    /**
     * Whether an unchanged index must be dropped before its table changes and created after: when a column under
     * it is dropped or recreated (PostgreSQL drops the index with the column), or one of its expressions (or its
     * {@code WHERE}) reads more than one retyped column or names an enum type that is recreated
     * ({@link EnumPlan#namesRecreated}).
     *
     * <p>ALTER COLUMN TYPE rebuilds every index over the column anyway, plain, expression, partial or unique alike:
     * it re-creates each from its definition, parsed again over the new type. As for a check (see
     * {@link #rebuild(CheckDef, KeptTable)}), an index whose definition reads the same on both sides comes out of
     * that parse as desired, and dropping and creating it too would build it twice. An expression over two retyped
     * columns is parsed once per ALTER, the first time over one new and one old type, which may not type-check.
     */
    private boolean rebuild(Index index, KeptTable table) {
        if (enums.namesRecreated(index.predicate())
                || index.elements().stream().anyMatch(e -> enums.namesRecreated(e.expression()))) {
            return true;
        }
        List<String> expressions = new ArrayList<>();
        for (IndexElement element : index.elements()) {
            if (element.column() != null ? table.reshaped().contains(element.column())
                    : ExpressionNames.mentions(element.expression(), table.reshaped())) {
                return true;
            }
            if (element.column() == null) {
                expressions.add(element.expression());
            }
        }
        if (intersects(index.include(), table.reshaped())
                || ExpressionNames.mentions(index.predicate(), table.reshaped())) {
            return true;
        }
        if (index.predicate() != null) {
            expressions.add(index.predicate());
        }
        return expressions.stream().anyMatch(e -> table.retyped().stream()
                .filter(c -> ExpressionNames.mentions(e, Set.of(c))).count() > 1);
    }

    /**
     * Whether an unchanged exclusion constraint must be dropped before its table changes and added after: when it
     * reads a column that is dropped, recreated or retyped, or names an enum type that is recreated. Unlike a check's,
     * its operators are chosen by the columns' types: one that fits the old type may not fit the new, and ALTER
     * COLUMN TYPE would fail rebuilding it, so it is rebuilt over the new types instead.
     */
    private boolean rebuild(ExcludeDef exclusion, KeptTable table) {
        return ExpressionNames.mentions(exclusion.definition(), table.reshaped())
                || ExpressionNames.mentions(exclusion.definition(), table.retyped())
                || enums.namesRecreated(exclusion.definition());
    }

    /** Whether a key's columns or those it includes are dropped or recreated: PostgreSQL drops the key with them. */
    private static boolean reshaped(KeptTable table, List<String> columns, List<String> include) {
        return intersects(columns, table.reshaped()) || intersects(include, table.reshaped());
    }

    private <T extends TableConstraint> void renameConstraints(QualifiedName table, Matching<T> matching) {
        for (Matching.Renamed<T> renamed : matching.renamed()) {
            renames.add(Change.of(SqlText.renameConstraint(table, renamed.from().name(), renamed.to().name()),
                    "rename constraint " + renamed.from().name() + " on " + table + " to " + renamed.to().name()));
        }
    }

    private void dropForeignKey(QualifiedName table, ForeignKeyDef fk) {
        if (droppedForeignKeys.add(List.of(table, named(table, fk)))) {
            foreignKeyDrops.add(Change.of(new DropConstraint(table, fk.name(), false, false),
                    "drop " + Descriptions.constraint(table, fk)));
        }
    }

    private void dropConstraint(QualifiedName table, TableConstraint constraint) {
        drops.add(Change.of(new DropConstraint(table, named(table, constraint), false, false),
                "drop " + Descriptions.constraint(table, constraint)));
    }

    private void dropIndex(QualifiedName table, Index index) {
        drops.add(Change.of(new DropIndex(QualifiedName.of(table.schema(), index.name()), false, false, false),
                "drop " + Descriptions.index(table, index)));
    }

    static Change addConstraint(QualifiedName table, TableConstraint constraint) {
        return Change.of(new AddConstraint(table, constraint), "add " + Descriptions.constraint(table, constraint));
    }

    static Change createIndex(QualifiedName table, Index index) {
        // btree is PostgreSQL's default; leaving it out keeps the rendered migration plain.
        String method = "btree".equals(index.method()) ? null : index.method();
        return Change.of(new CreateIndex(index.name(), table, index.elements(), index.unique(),
                index.nullsNotDistinct(), method, index.include(), index.predicate(), false, false,
                storageSql(index.storage())),
                "create " + Descriptions.index(table, index));
    }

    /**
     * Storage parameters as the catalog keeps them, their values as SQL text: as they are when a bare word or number
     * ({@code 70}, {@code off}, {@code 0.5}), else as a string literal, which PostgreSQL takes for any parameter.
     */
    static Map<String, String> storageSql(Map<String, String> storage) {
        Map<String, String> sql = new TreeMap<>();
        storage.forEach((parameter, value) -> sql.put(parameter,
                value.matches("-?[A-Za-z0-9_.]+") ? value : "'" + value.replace("'", "''") + "'"));
        return sql;
    }

    private static String named(QualifiedName table, TableConstraint constraint) {
        if (constraint.name() == null) {
            throw new RetortException("The " + Descriptions.constraint(table, constraint) + " has no name, so "
                    + "Retort cannot drop it; give the constraint a name in the schema it comes from.");
        }
        return constraint.name();
    }

    /** Names in the relation namespace of each schema: tables, sequences, indexes and the keys' indexes. */
    private static Map<String, Set<String>> relationNames(DatabaseSchema schema) {
        Map<String, Set<String>> names = new HashMap<>();
        Function<QualifiedName, Set<String>> of = n -> names.computeIfAbsent(schema(n), k -> new HashSet<>());
        for (Table table : schema.tables()) {
            of.apply(table.name()).addAll(SchemaNames.relations(table));
        }
        for (Sequence sequence : schema.sequences()) {
            of.apply(sequence.name()).add(sequence.name().name());
        }
        return names;
    }

    private static Set<String> constraintNames(Table table) {
        Set<String> names = new HashSet<>();
        Predicate<String> named = n -> n != null;
        if (table.primaryKey() != null && named.test(table.primaryKey().name())) {
            names.add(table.primaryKey().name());
        }
        table.uniques().stream().map(UniqueDef::name).filter(named).forEach(names::add);
        table.checks().stream().map(CheckDef::name).filter(named).forEach(names::add);
        table.exclusions().stream().map(ExcludeDef::name).filter(named).forEach(names::add);
        table.foreignKeys().stream().map(ForeignKeyDef::name).filter(named).forEach(names::add);
        return names;
    }

    private static String schema(QualifiedName name) {
        return name.schema() == null ? "" : name.schema();
    }

    private static boolean intersects(List<String> columns, Set<String> set) {
        return !set.isEmpty() && columns.stream().anyMatch(set::contains);
    }

    private static <T> List<T> listOf(T value) {
        return value == null ? List.of() : List.of(value);
    }
}
