package dev.retort.autogenerate.diff;

import dev.retort.operation.AlterColumn;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.DropSchema;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RenameTable;
import dev.retort.operation.SetTableComment;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plans the changes from one schema to another, in one direction, in the order they can run.
 *
 * <p>The order, in full:
 * <ol>
 *   <li>create schemas; create extensions (anything after may use their types) and move them to other schemas;
 *       drop, or rename out of the way, the enum types and sequences that go and whose names a table or an index
 *       takes ({@link EnumPlan}, {@link SequenceClashes}); create enum types, add enum values, start recreating
 *       changed enum types</li>
 *   <li>move tables to their new schemas and rename them, then rename columns; rename the sequences named after a
 *       renamed table, in the schema its move took them to ({@link SequenceRenames}); create sequences and change
 *       their options (releasing those that lose their owner)</li>
 *   <li>end the inheritance ({@code INHERITS}) that goes; drop the foreign keys that go or must be rebuilt; drop
 *       the tables that go and whose names an enum type, a sequence or an index takes, or whose own policies or
 *       triggers read a column that a table that stays drops or retypes ({@link DroppedTables#first});
 *       on tables that stay, drop the other constraints and indexes, and rename those whose only change is their
 *       name; create the enum types and sequences whose names a table or an index had until then</li>
 *   <li>make tables that stay logged or unlogged, in the order their foreign keys allow
 *       ({@link PersistenceChanges})</li>
 *   <li>create new tables, each after those it references, with their indexes</li>
 *   <li>retype a child's own column that a parent gains with another type or collation, to the parent's
 *       ({@link ParentChanges.Reached#first})</li>
 *   <li>on tables that stay, table by table, each after the parents it keeps: drop, change and add columns, but
 *       for what its parents' changes do to it ({@link ParentChanges}); add keys, checks and indexes; set the
 *       comment</li>
 *   <li>start the new inheritance; add foreign keys (those of tables that stay, and those of new tables that had
 *       to wait); give sequences their owners</li>
 *   <li>drop tables, each before those it references; then sequences, enum types, extensions and schemas</li>
 * </ol>
 * Dropping constraints and indexes before creating tables (rather than with the other changes to tables that
 * stay) frees their names for the new tables, as when a table is dropped and re-created under a new name. An
 * object that goes also frees its name first when the other side gives it to an object of another kind in the
 * same namespace ({@link SchemaNames}: a table's row type is among the types, and tables, sequences and indexes
 * share names); nothing else changes place for it.
 * A column that comes or goes with the sequence PostgreSQL's {@code serial} makes for it is planned as a
 * {@code serial} column, with no steps for the sequence ({@link SerialColumns}).
 */
final class MigrationPlanner {
    private MigrationPlanner() {
    }

    /**
     * The changes of one direction, and what the way back needs to know of them.
     *
     * @param numberedBefore the columns a sequence takes over from others this direction drops, with each that may
     *     have numbered them ({@link NumberedBefore}). The way back makes those again, and the older code numbers
     *     the columns from them again ({@link SequenceTakeovers}). So too the columns that become identities where a
     *     sequence numbered them that no default named ({@link FormerSequences}), with no sequence since
     */
    record Plan(List<Change> changes, List<NumberedBefore> numberedBefore) {
        /**
         * The sequence the way back numbers each column from, as {@code table.column} of the current schema, where
         * one alone numbered it: the id sequences of the way back's model.
         */
        Map<String, String> idSequencesBack() {
            Map<String, List<NumberedBefore>> byColumn = numberedBefore.stream()
                    .collect(Collectors.groupingBy(n -> n.table() + "." + n.column()));
            Map<String, String> sequences = new HashMap<>();
            byColumn.forEach((column, numbered) -> {
                if (numbered.size() == 1) {
                    sequences.put(column, numbered.get(0).sequence().toString());
                }
            });
            return sequences;
        }
    }

    /**
     * A column of the current schema, {@code table.column}, that {@code sequence} may have numbered, which the
     * upgrade drops, and that {@code since}, which the upgrade creates, numbers instead: the way back makes {@code
     * sequence} again and moves it past the column's ids and the last value of {@code since}, which it drops, so
     * that the older code, which draws from it again, hands out no id a row has or had. Where nothing tells which of
     * the dropped sequences numbered which column, each may have numbered each. {@code sequence} may stay too, as a
     * function names it ({@link SchemaDiffer#keeping}): the way back moves it, where it stood still, past the same.
     * {@code since} is null where the column became an identity ({@link FormerSequences}): the way back numbers the
     * column from {@code sequence} again ({@link Plan#idSequencesBack}), made again or found where it stayed, past
     * the ids the identity handed out.
     */
    record NumberedBefore(QualifiedName table, String column, QualifiedName sequence, QualifiedName since) {
    }

    /**
     * The changes that turn {@code current} into {@code desired}, given the rename {@code answers}; the extensions
     * to create or drop are decided by the caller, as they are not symmetric ({@link ExtensionPlan}).
     * {@code idSequences} are the sequences the model says number the columns of {@code desiredAsRead}, on the way
     * back those the upgrade's takeovers leave ({@link Plan#idSequencesBack}, {@link SequenceTakeovers});
     * {@code numberedBefore} is all that the upgrade's takeovers leave, on the way back, to move the sequences it
     * makes again past what the upgrade's sequences handed out ({@link Plan#numberedBefore}; none on the way up);
     * {@code modelEnums} the constants of the enums the model says its columns hold, named as {@code desiredAsRead}
     * names them on the way up and as {@code current} does on the way back ({@link ModelEnums}). {@code
     * keptSequences} are those both schemas hold only for functions that name them ({@link SchemaDiffer#keeping}).
     * {@code upgrade} is false for the way back, whose drops undo what the model added and need no word of what the
     * model no longer keeps ({@link UniqueRules}).
     */
    static Plan plan(DatabaseSchema current, DatabaseSchema desiredAsRead, RenameAnswers answers,
            ExtensionPlan extensions, Map<String, String> idSequences, List<NumberedBefore> numberedBefore,
            ModelEnums modelEnums, Map<QualifiedName, String> keptSequences, boolean upgrade) {
        EnumPlan enums = new EnumPlan(current, desiredAsRead);
        SequenceRenames sequenceRenames = SequenceRenames.follow(current, desiredAsRead, answers.tables());
        SequenceClashes sequenceClashes =
                new SequenceClashes(current, desiredAsRead, sequenceRenames, answers.tables());
        DatabaseSchema afterRenames = RenamedSchema.apply(current, answers);
        afterRenames = RenamedSchema.retype(afterRenames, extensions.typeMoves());
        afterRenames = RenamedSchema.reclass(afterRenames, extensions.operatorClassMoves());
        afterRenames = RenamedSchema.requalify(afterRenames, extensions.functionMoves(), extensions.typeMoves());
        afterRenames = RenamedSchema.retype(afterRenames, enums.typeRenames());
        afterRenames = RenamedSchema.renameSequences(afterRenames, sequenceRenames.asMap());
        afterRenames = sequenceClashes.apply(afterRenames);
        SerialColumns.Folded folded = SerialColumns.fold(afterRenames, desiredAsRead);
        DatabaseSchema renamed = folded.from();
        DatabaseSchema desired = folded.to();

        Map<QualifiedName, Table> desiredTables = new HashMap<>();
        desired.tables().forEach(t -> desiredTables.put(t.name(), t));
        Set<QualifiedName> renamedNames = new HashSet<>();
        Map<QualifiedName, Table> staying = new HashMap<>();
        List<Table> dropped = new ArrayList<>();
        for (Table table : renamed.tables()) {
            renamedNames.add(table.name());
            Table after = desiredTables.get(table.name());
            if (after == null) {
                dropped.add(table);
            } else {
                staying.put(table.name(), table);
            }
        }
        List<KeptTable> retypedFirst = new ArrayList<>();
        Map<QualifiedName, KeptTable> kept = kept(staying, desiredTables, answers, retypedFirst);
        List<Table> created = desired.tables().stream().filter(t -> !renamedNames.contains(t.name())).toList();
        List<Table> droppedFirst = DroppedTables.first(dropped, desired, kept.values());
        Set<QualifiedName> droppedBefore = droppedFirst.stream().map(Table::name).collect(Collectors.toSet());
        List<Table> droppedLast = dropped.stream().filter(t -> !droppedFirst.contains(t)).toList();

        List<Change> changes = new ArrayList<>();
        for (String schema : desired.schemas()) {
            if (!current.schemas().contains(schema)) {
                changes.add(Change.of(new CreateSchema(schema, false), "create schema " + schema));
            }
        }
        changes.addAll(extensions.creates());
        changes.addAll(extensions.moves());
        changes.addAll(enums.clearing());
        changes.addAll(sequenceClashes.clearing());
        changes.addAll(enums.early());
        SequencePlan sequences = new SequencePlan(renamed, desired,
                (table, column) -> kept.containsKey(table) && kept.get(table).recreated().contains(column), upgrade);
        changes.addAll(renames(answers, sequenceRenames));
        // Renamed where the table's move took it; a table moved under its own name leaves the name as it is.
        sequenceRenames.followed().stream().filter(r -> !r.from().name().equals(r.to().name()))
                .forEach(r -> changes.add(Change.of(SqlText.renameSequence(r.renamedFrom(), r.to().name()),
                        "rename sequence " + r.renamedFrom() + " to " + r.to().name() + ", as table " + r.table()
                                + " is renamed")));
        // An identity's own sequence is named as a serial's would be (users_id_seq): it must go before the
        // sequence that takes over is created. Its table has its new name by now.
        List<SequenceTakeovers.Takeover> takeovers = new ArrayList<>(
                SequenceTakeovers.find(renamed, desired, kept, idSequences));
        takeovers.addAll(numberedAgain(numberedBefore, takeovers, renamed, kept, keptSequences.keySet()));
        for (int i = 0; i < takeovers.size(); i++) {
            SequenceTakeovers.Takeover t = takeovers.get(i);
            if (!t.fromIdentity()) {
                continue;
            }
            changes.add(Change.of(SqlText.keepIdentityLastValue(t.table(), t.column(), identityLastValue(i)),
                    "keep the last value the identity of " + t.table() + "." + t.column() + " handed out"));
            changes.add(Change.of(SqlText.dropIdentity(t.table(), t.column()),
                    "drop identity of " + t.table() + "." + t.column() + ", as sequence " + t.sequence()
                            + " numbers it from now on"));
        }
        changes.addAll(sequences.early());

        // A child leaves a parent before anything else changes: its columns and checks are its own from then on, so
        // that it may drop them, and none of the parent's changes reach it.
        for (KeptTable table : kept.values()) {
            List<QualifiedName> parentsAfter = table.after().inherits();
            table.before().inherits().stream().filter(p -> !parentsAfter.contains(p)).forEach(p -> changes.add(
                    Change.of(SqlText.inheritance(table.name(), p, false),
                            "stop " + table.name() + " inheriting from " + p)));
        }
        ConstraintPlan constraints = new ConstraintPlan(renamed, desired, kept, droppedLast, enums, upgrade);
        changes.addAll(constraints.foreignKeyDrops());
        changes.addAll(DroppedTables.drops(droppedFirst, constraints, answers, desired));
        changes.addAll(constraints.dropsAndRenames());
        changes.addAll(enums.late());
        changes.addAll(sequences.late());
        // Before new tables: a new logged table may reference one made logged, never one that is still unlogged.
        changes.addAll(PersistenceChanges.of(kept.values(), constraints));
        NewTables newTables = new NewTables(created, constraints, !upgrade);
        changes.addAll(newTables.creates());

        // A child's own column takes the type of the column its parent adds under its name before the parent's
        // changes, as PostgreSQL merges the two only when they agree.
        for (KeptTable column : retypedFirst) {
            changes.addAll(ColumnChanges.of(column, enums, modelEnums, answers, Set.of(), Map.of(), Map.of(),
                    droppedBefore));
        }
        Map<QualifiedName, Map<String, QualifiedName>> formerSequences =
                FormerSequences.find(renamed, desired, kept, keptSequences.keySet());
        for (KeptTable table : kept.values()) {
            Set<String> takenOver = takeovers.stream().filter(t -> t.table().equals(table.name()))
                    .map(SequenceTakeovers.Takeover::column).collect(Collectors.toSet());
            changes.addAll(ColumnChanges.of(table, enums, modelEnums, answers, takenOver,
                    formerSequences.getOrDefault(table.name(), Map.of()), keptSequences, droppedBefore));
            changes.addAll(constraints.additions(table.name()));
            if (!Objects.equals(table.before().comment(), table.after().comment())) {
                String comment = table.after().comment();
                changes.add(Change.of(new SetTableComment(table.name(), comment), comment == null
                        ? "remove comment from table " + table.name()
                        : "set comment of table " + table.name() + " to '" + comment + "'"));
            }
            changes.addAll(storageChanges(table));
        }
        // A child joins a parent once every table has its columns and checks: it must have the parent's by then.
        for (KeptTable table : kept.values()) {
            List<QualifiedName> parentsBefore = table.before().inherits();
            table.after().inherits().stream().filter(p -> !parentsBefore.contains(p)).forEach(p -> changes.add(
                    Change.of(SqlText.inheritance(table.name(), p, true),
                            "make " + table.name() + " inherit from " + p)));
        }
        changes.addAll(constraints.foreignKeyAdds());
        changes.addAll(newTables.deferredForeignKeys());
        changes.addAll(sequences.owners());
        changes.addAll(newTables.attachedAgain());
        List<NumberedBefore> numberedNow = new ArrayList<>();
        // The way back is told that the sequence numbers the column again: nothing there ties one that stays for a
        // function, or Hibernate 5's hibernate_sequence, to the column, as its name does users_seq.
        formerSequences.forEach((table, columns) -> columns.forEach((column, sequence) -> {
            QualifiedName before = answers.inverse().tableName(table);
            numberedNow.add(new NumberedBefore(before,
                    answers.inverse().columnRenames(before).getOrDefault(column, column), sequence, null));
        }));
        Map<SequenceTakeovers.Takeover, List<QualifiedName>> gaveWay =
                gaveWay(takeovers, numberedBefore, sequences, keptSequences.keySet(), renamed, kept);
        for (int i = 0; i < takeovers.size(); i++) {
            SequenceTakeovers.Takeover t = takeovers.get(i);
            if (t.fromIdentity()) {
                changes.add(Change.of(SqlText.moveSequencePastIdentity(t.sequence(), t.table(), t.column(),
                        identityLastValue(i)), "move sequence " + t.sequence() + " past the largest " + t.table()
                        + "." + t.column() + " and the last value its identity handed out, as it numbers the column "
                        + "instead from now on"));
                continue;
            }
            KeptTable table = kept.get(t.table());
            String oldDefault = table.beforeColumn(t.column()).defaultExpression();
            List<QualifiedName> past = gaveWay.get(t);
            QualifiedName keptBefore = keptGivingWay(t, oldDefault, keptSequences.keySet(), renamed);
            Change move = movePastRows(t, table, keptBefore == null ? past : add(past, keptBefore), desired);
            changes.add(keptBefore == null ? move : new Change(move.operation(), move.description(), false,
                    Descriptions.keptFormerSequence(keptBefore, keptSequences.get(keptBefore),
                            "sequence " + t.sequence(), t.table() + "." + t.column())));
            past.forEach(s -> numberedNow.add(numberedBefore(t, s, answers)));
            // The way back numbers the column from the kept sequence again, which stood still meanwhile.
            if (keptBefore != null) {
                numberedNow.add(numberedBefore(t, keptBefore, answers));
            }
        }

        changes.addAll(DroppedTables.drops(droppedLast, constraints, answers, desired));
        changes.addAll(sequences.drops(takeovers.stream().map(SequenceTakeovers.Takeover::sequence)
                .collect(Collectors.toSet()), formerSequences.values().stream().flatMap(c -> c.values().stream())
                .collect(Collectors.toSet())));
        changes.addAll(enums.drops());
        changes.addAll(extensions.drops());
        for (String schema : current.schemas()) {
            if (!desired.schemas().contains(schema)) {
                changes.add(Change.losing(new DropSchema(schema, false, false), "drop schema " + schema, null));
            }
        }
        return new Plan(changes, numberedNow);
    }

    /**
     * The tables on both sides, {@code before} as the current schema has them: each after the parents ({@code
     * INHERITS}) it has on both sides, and as their changes leave it ({@link ParentChanges}), so that a parent's
     * columns change before its children's and a change PostgreSQL passes down is planned on the parent alone (a
     * column renamed on the parent too: {@code answers} has it for the parent alone, see {@link RenameResolver}).
     * Otherwise in name order. The retypes of children's own columns that must run before their parents' changes
     * ({@link ParentChanges.Reached#first}) are added to {@code retypedFirst}.
     */
    private static Map<QualifiedName, KeptTable> kept(Map<QualifiedName, Table> before,
            Map<QualifiedName, Table> after, RenameAnswers answers, List<KeptTable> retypedFirst) {
        Function<QualifiedName, List<QualifiedName>> keptParents = name -> before.get(name).inherits().stream()
                .filter(p -> before.containsKey(p) && after.get(name).inherits().contains(p))
                .toList();
        Map<QualifiedName, List<QualifiedName>> keptChildren = new HashMap<>();
        before.keySet().forEach(name -> keptParents.apply(name)
                .forEach(p -> keptChildren.computeIfAbsent(p, k -> new ArrayList<>()).add(name)));
        Map<QualifiedName, KeptTable> kept = new LinkedHashMap<>();
        Map<QualifiedName, Map<String, String>> renamesPassedDown = new HashMap<>();
        // No cycle: each side's inheritance has none, and these are parents on both sides.
        for (QualifiedName name : DependencyOrder.of(before.keySet(), keptParents::apply)) {
            List<ParentChanges.Parent> parents = keptParents.apply(name).stream()
                    .map(p -> new ParentChanges.Parent(before.get(p), kept.get(p).before(), kept.get(p).after(),
                            renamesPassedDown.get(p), kept.get(p).droppedAlone()))
                    .toList();
            Map<String, String> renames = new HashMap<>(ParentChanges.renames(before.get(name), parents));
            renames.putAll(answers.columnRenames(name));
            renamesPassedDown.put(name, renames);
            ParentChanges.Reached reached = ParentChanges.reaching(before.get(name), parents);
            Set<String> keptBelow = columnsBelow(name, keptChildren, after);
            Set<String> droppedAlone = reached.table().columns().stream().map(ColumnDef::name)
                    .filter(c -> after.get(name).column(c).isEmpty() && keptBelow.contains(c))
                    .collect(Collectors.toSet());
            kept.put(name, new KeptTable(reached.table(), after.get(name), reached.retyped(), droppedAlone));
            retypedFirst.addAll(reached.first());
        }
        return kept;
    }

    /**
     * The columns the desired tables below {@code parent} have, at every level of the inheritance kept on both
     * sides: a column the parent drops that one of them keeps is dropped from the parent alone, so that PostgreSQL
     * leaves it, with its data, in the children.
     */
    private static Set<String> columnsBelow(QualifiedName parent, Map<QualifiedName, List<QualifiedName>> children,
            Map<QualifiedName, Table> after) {
        Set<String> columns = new HashSet<>();
        for (QualifiedName child : children.getOrDefault(parent, List.of())) {
            after.get(child).columns().forEach(c -> columns.add(c.name()));
            columns.addAll(columnsBelow(child, children, after));
        }
        return columns;
    }

    private static List<Change> renames(RenameAnswers answers, SequenceRenames sequences) {
        List<Change> changes = new ArrayList<>();
        answers.tables().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(DatabaseSchema.NAME_ORDER))
                .forEach(e -> {
                    QualifiedName from = e.getKey();
                    QualifiedName to = e.getValue();
                    if (!Objects.equals(from.schema(), to.schema())) {
                        changes.add(Change.of(SqlText.setSchema(from, to.schema()), "move table " + from
                                + " to schema " + (to.schema() == null ? "public" : to.schema())));
                        from = QualifiedName.of(to.schema(), from.name());
                    }
                    if (!from.name().equals(to.name())) {
                        changes.add(new Change(new RenameTable(from, to.name()),
                                "rename table " + from + " to " + to.name(), false, sequences.warning(e.getKey())));
                    }
                });
        answers.columns().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(DatabaseSchema.NAME_ORDER))
                .forEach(table -> table.getValue().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                        .forEach(column -> changes.add(Change.of(
                                new AlterColumn(table.getKey(), column.getKey(), null, null, null, null,
                                        column.getValue()),
                                "rename column " + table.getKey() + "." + column.getKey() + " to "
                                        + column.getValue()))));
        return changes;
    }

    /**
     * The columns of the way back that {@code numberedBefore} says a sequence it makes again numbers, or one that
     * stayed for a function ({@code keptSequences}) while another numbered the column, other than those {@code found}
     * already has it number (a column that more than one may have numbered is in it for none): each is moved past the
     * column's ids too.
     */
    private static List<SequenceTakeovers.Takeover> numberedAgain(List<NumberedBefore> numberedBefore,
            List<SequenceTakeovers.Takeover> found, DatabaseSchema current, Map<QualifiedName, KeptTable> kept,
            Set<QualifiedName> keptSequences) {
        List<SequenceTakeovers.Takeover> again = new ArrayList<>();
        for (NumberedBefore n : numberedBefore) {
            SequenceTakeovers.Takeover takeover = new SequenceTakeovers.Takeover(n.table(), n.column(), n.sequence(),
                    false);
            // One that numbered a column become an identity is found as the identity's successor.
            boolean numbersAgain = n.since() != null
                    && (current.sequence(n.sequence()).isEmpty() || keptSequences.contains(n.sequence()));
            KeptTable table = kept.get(n.table());
            if (!found.contains(takeover) && numbersAgain && table != null
                    && table.beforeColumn(n.column()) != null && table.afterColumn(n.column()) != null) {
                again.add(takeover);
            }
        }
        return again;
    }

    /**
     * The sequences this diff drops that may have numbered the column of each takeover of {@code takeovers} that was
     * no identity, which its sequence is moved past: the one that numbered it since the upgrade, on the way back
     * ({@link #numberedSince}); the one {@link SequencePlan#givingWay} pairs with it; or, for a column paired with
     * none, whose default called no sequence and that no sequence kept for a function numbered, each of those paired
     * with no column ({@link #numberedByAnyOf}). The way back is told the same pairs, so that both directions move
     * past the same sequences.
     */
    private static Map<SequenceTakeovers.Takeover, List<QualifiedName>> gaveWay(
            List<SequenceTakeovers.Takeover> takeovers, List<NumberedBefore> numberedBefore, SequencePlan sequences,
            Set<QualifiedName> keptSequences, DatabaseSchema current, Map<QualifiedName, KeptTable> kept) {
        Map<SequenceTakeovers.Takeover, List<QualifiedName>> gaveWay = new HashMap<>();
        List<SequenceTakeovers.Takeover> unpaired = new ArrayList<>();
        Set<QualifiedName> paired = new HashSet<>();
        for (SequenceTakeovers.Takeover t : takeovers) {
            if (t.fromIdentity()) {
                continue;
            }
            String oldDefault = kept.get(t.table()).beforeColumn(t.column()).defaultExpression();
            List<QualifiedName> dropped = numberedSince(t, numberedBefore, sequences)
                    .orElseGet(() -> sequences.givingWay(t.table(), t.column(), oldDefault));
            gaveWay.put(t, dropped);
            paired.addAll(dropped);
            if (dropped.isEmpty() && keptGivingWay(t, oldDefault, keptSequences, current) == null
                    && SequenceTakeovers.called(oldDefault, current).isEmpty()) {
                unpaired.add(t);
            }
        }
        List<QualifiedName> anyOf = numberedByAnyOf(unpaired, sequences.unclaimed(paired), kept);
        unpaired.forEach(t -> gaveWay.put(t, anyOf));
        return gaveWay;
    }

    /**
     * On the way back, the sequence that numbered the column of {@code t} since the upgrade, as {@code numberedBefore}
     * says, if this diff drops it: read under the name the upgrade gave it, whatever the table's name now.
     */
    private static Optional<List<QualifiedName>> numberedSince(SequenceTakeovers.Takeover t,
            List<NumberedBefore> numberedBefore, SequencePlan sequences) {
        return numberedBefore.stream()
                .filter(n -> n.table().equals(t.table()) && n.column().equals(t.column())
                        && n.sequence().equals(t.sequence()) && sequences.dropsLast(n.since()))
                .map(n -> List.of(n.since())).findFirst();
    }

    /**
     * What the way back needs to know of takeover {@code t}, whose sequence is moved past {@code gaveWay}: the
     * column under the name the current schema gives it.
     */
    private static NumberedBefore numberedBefore(SequenceTakeovers.Takeover t, QualifiedName gaveWay,
            RenameAnswers answers) {
        QualifiedName before = answers.inverse().tableName(t.table());
        String column = answers.inverse().columnRenames(before).getOrDefault(t.column(), t.column());
        return new NumberedBefore(before, column, gaveWay, t.sequence());
    }

    /**
     * The sequences that may have numbered each of {@code unpaired}, columns that no dropped sequence was paired with:
     * any of {@code unclaimed}, the dropped sequences paired with none (two entities leaving {@code invoice_numbers}
     * and {@code receipt_numbers} for sequences of their own). Each new sequence is moved past the last values of
     * all, and the way back moves each past the ids of every column, so that none hands out an id again, whichever
     * it numbered; moving past the last value of one that numbered another column only skips numbers. Only where the
     * columns are all of one type: one sequence moved past the ids of a wider column would hand out only ids a
     * narrower one cannot hold.
     */
    private static List<QualifiedName> numberedByAnyOf(List<SequenceTakeovers.Takeover> unpaired,
            List<QualifiedName> unclaimed, Map<QualifiedName, KeptTable> kept) {
        long types = unpaired.stream().map(t -> kept.get(t.table()).afterColumn(t.column()).type()).distinct().count();
        return types == 1 ? unclaimed : List.of();
    }

    /**
     * Moves the sequence that takes over {@code t}, a column of {@code table} that was no identity, past the rows and
     * past the last values of {@code dropped}, the dropped sequences that may have numbered it ({@link
     * SequencePlan#givingWay}), as far as the column and the sequence hold.
     */
    private static Change movePastRows(SequenceTakeovers.Takeover t, KeptTable table, List<QualifiedName> dropped,
            DatabaseSchema desired) {
        Long column = SequenceTakeovers.largest(table.afterColumn(t.column()).type());
        Long sequence = SequenceTakeovers.largest(desired.sequence(t.sequence())
                .map(s -> s.options().dataType()).orElse(null));
        Long largest = column == null ? sequence : sequence == null ? column : Long.valueOf(Math.min(column, sequence));
        return Change.of(SqlText.moveSequencePastRows(t.sequence(), t.table(), t.column(), dropped, largest),
                "move sequence " + t.sequence() + " past the largest " + t.table() + "." + t.column()
                        + pastTheDropped(dropped) + ", which it numbers instead of another generator from now on");
    }

    /**
     * The sequence that stays for a function ({@link SchemaDiffer#keeping}) and numbered {@code t}'s column before, as
     * {@link SequencePlan#givingWay} tells one the revision drops: the column's default called it, or, with no default,
     * it is named after the table; or null. Not {@code t}'s own sequence, as on the way back, where the kept sequence
     * numbers the column again.
     */
    private static QualifiedName keptGivingWay(SequenceTakeovers.Takeover t, String oldDefault,
            Set<QualifiedName> keptSequences, DatabaseSchema current) {
        Optional<QualifiedName> called = SequenceTakeovers.called(oldDefault, current);
        QualifiedName kept = called.isPresent()
                ? keptSequences.contains(called.get()) ? called.get() : null
                : SequenceTakeovers.namedAfter(t.table(), t.column(), keptSequences);
        return t.sequence().equals(kept) ? null : kept;
    }

    private static List<QualifiedName> add(List<QualifiedName> sequences, QualifiedName sequence) {
        List<QualifiedName> all = new ArrayList<>(sequences);
        all.add(sequence);
        return all;
    }

    /** What else a new sequence is moved past: the last values of the dropped sequences that may have numbered it. */
    private static String pastTheDropped(List<QualifiedName> dropped) {
        if (dropped.isEmpty()) {
            return "";
        }
        return " and the last value of " + (dropped.size() == 1 ? "sequence " : "sequences ")
                + dropped.stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
    }

    /** The setting that keeps the last value of the {@code index}th takeover's identity within the migration. */
    private static String identityLastValue(int index) {
        return "retort.identity_last_value_" + index;
    }

    /**
     * Sets and resets the storage parameters of a table that stays ({@code ALTER TABLE ... SET (fillfactor = 70)}),
     * which rewrites nothing: the new values apply to what is written, and vacuumed, from then on.
     */
    private static List<Change> storageChanges(KeptTable table) {
        Map<String, String> before = table.before().settings().storage();
        Map<String, String> after = table.after().settings().storage();
        Map<String, String> set = new TreeMap<>(after);
        set.entrySet().removeAll(before.entrySet());
        List<String> reset = before.keySet().stream().filter(p -> !after.containsKey(p)).sorted().toList();
        List<Change> changes = new ArrayList<>();
        if (!set.isEmpty()) {
            changes.add(Change.of(SqlText.setTableStorage(table.name(), ConstraintPlan.storageSql(set)),
                    "set storage parameters of table " + table.name() + ": " + Descriptions.storage(set)));
        }
        if (!reset.isEmpty()) {
            changes.add(Change.of(SqlText.resetTableStorage(table.name(), reset),
                    "reset storage parameters of table " + table.name() + ": " + String.join(", ", reset)));
        }
        return changes;
    }
}
