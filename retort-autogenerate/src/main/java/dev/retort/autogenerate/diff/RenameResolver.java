package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds rename candidates between two schemas and asks {@link Renames} about them, once each.
 *
 * <p>A table candidate is a dropped and an added table whose columns have the same names and base types, but for
 * those {@linkplain Renames#namedColumn named} renamed under the added table's name: in the same schema, or in
 * another (a table moved, as when an entity gets {@code @Table(schema = ...)}, and maybe renamed too), unless a name
 * it takes there is taken, or one the model gives it is taken in its old schema, where the downgrade moves it back,
 * or an index or key (in a move, one of its own) has its new name or, in the model, its old one; those of its schema
 * or of its own name are asked about first. A column candidate is a dropped and an added column of the same table
 * with the same base type (so {@code varchar(20)} and {@code varchar(40)} qualify, and the rename comes with a type
 * change). Tables' candidates are paired in name order, columns' likeliest first ({@link ColumnPair}), and each is
 * paired at most once. The tables named after a renamed table follow it without a question
 * ({@link TableFollowers}).
 */
final class RenameResolver {
    private final Renames renames;
    private final DatabaseSchema current;
    private final DatabaseSchema desired;
    private final Map<QualifiedName, QualifiedName> tables = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> columns = new HashMap<>();
    private final Map<QualifiedName, String> droppedTableWarnings = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> droppedColumnWarnings = new HashMap<>();
    private final Map<QualifiedName, String> addedTableWarnings = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> addedColumnWarnings = new HashMap<>();

    private RenameResolver(Renames renames, DatabaseSchema current, DatabaseSchema desired) {
        this.renames = renames;
        this.current = current;
        this.desired = desired;
    }

    /** Asks {@code renames} about every candidate from {@code current} to {@code desired}. */
    static RenameAnswers resolve(DatabaseSchema current, DatabaseSchema desired, Renames renames) {
        RenameResolver resolver = new RenameResolver(renames, current, desired);
        resolver.resolveTables(current, desired);
        resolver.resolveColumns(current, desired);
        return new RenameAnswers(resolver.tables, resolver.columns, resolver.droppedTableWarnings,
                resolver.droppedColumnWarnings, resolver.addedTableWarnings, resolver.addedColumnWarnings);
    }

    private void resolveTables(DatabaseSchema current, DatabaseSchema desired) {
        Set<QualifiedName> currentNames = names(current);
        Set<QualifiedName> desiredNames = names(desired);
        List<Table> added = desired.tables().stream().filter(t -> !currentNames.contains(t.name())).toList();
        List<Table> dropped = current.tables().stream().filter(t -> !desiredNames.contains(t.name())).toList();
        declared(dropped, added);
        Map<QualifiedName, Map<Table, Map<String, String>>> pairings = new HashMap<>();
        for (Table table : dropped) {
            Map<Table, Map<String, String>> pairing = new LinkedHashMap<>();
            added.forEach(other -> namedColumns(table, other).ifPresent(renamed -> pairing.put(other, renamed)));
            pairings.put(table.name(), pairing);
        }
        // A table that may follow another's rename is asked about only once it is known not to follow: asked
        // first, a user could not know that the answer is given already, and without a terminal it is no.
        List<TableFollowers.Owner> candidates = new ArrayList<>();
        for (Table table : dropped) {
            pairings.get(table.name()).keySet()
                    .forEach(other -> candidates.add(new TableFollowers.Owner(table.name(), other.name())));
        }
        List<Table> first = new ArrayList<>();
        List<Table> later = new ArrayList<>();
        for (Table table : dropped) {
            boolean mayFollow = added.stream().anyMatch(other -> TableFollowers.followsSomeRename(table.name(),
                    other.name(), candidates));
            (mayFollow ? later : first).add(table);
        }
        first.forEach(table -> ask(table, pairings.get(table.name())));
        // Shorter names first: an entity's table before the collection tables named after it, which follow it.
        later.sort(Comparator.comparing((Table table) -> table.name().name().length())
                .thenComparing(Table::name, DatabaseSchema.NAME_ORDER));
        while (!later.isEmpty()) {
            later = follow(later, added);
            if (!later.isEmpty()) {
                Table table = later.remove(0);
                ask(table, pairings.get(table.name()));
            }
        }
    }

    /** Renames the pairs the model declares (see {@link Renames#declared}) before anything is asked. */
    private void declared(List<Table> dropped, List<Table> added) {
        for (Table to : added) {
            for (Table from : dropped) {
                if (tables.containsKey(from.name()) || !renames.declared(from.name(), to.name())
                        || collides(from, to.name())) {
                    continue;
                }
                Optional<Map<String, String>> keyColumns = TableFollowers.columns(from, to,
                        List.of(new TableFollowers.Owner(from.name(), to.name())),
                        (before, after) -> renames.namedColumn(to.name(), before, after));
                if (keyColumns.isPresent() && renames.mayFollow(from.name(), to.name())) {
                    settle(new TableFollowers.Follower(from.name(), to.name(), keyColumns.get()));
                    break;
                }
            }
        }
    }

    /**
     * Asks about the candidates for {@code dropped}, those of its schema or its name first.
     *
     * @param pairing the added tables it may have become, each with the columns it renames on the way
     */
    private void ask(Table dropped, Map<Table, Map<String, String>> pairing) {
        if (tables.containsKey(dropped.name())) {
            return;
        }
        List<Table> candidates = new ArrayList<>(pairing.keySet());
        candidates.removeIf(added -> tables.containsValue(added.name()));
        List<Table> blocked = candidates.stream().filter(added -> collides(dropped, added.name())).toList();
        candidates.removeAll(blocked);
        candidates.sort(Comparator.comparing(added -> !sameSchemaOrName(dropped.name(), added.name())));
        Table declined = null;
        for (Table added : candidates) {
            if (renames.tableRenamed(dropped.name(), added.name())) {
                settle(new TableFollowers.Follower(dropped.name(), added.name(), pairing.get(added)));
                return;
            }
            declined = declined == null ? added : declined;
        }
        if (declined != null) {
            String warning = Descriptions.declinedTableRename(dropped.name(), declined.name());
            droppedTableWarnings.put(dropped.name(), warning);
            addedTableWarnings.putIfAbsent(declined.name(), Descriptions.droppedBack(dropped.name(), declined.name()));
        } else if (!blocked.isEmpty()) {
            // Not asked, as PostgreSQL would refuse the move one way or the other; the user still learns why the
            // rows are dropped and how to keep them.
            String warning = Descriptions.blockedMove(dropped.name(), blocked.get(0).name());
            droppedTableWarnings.put(dropped.name(), warning);
            addedTableWarnings.putIfAbsent(blocked.get(0).name(),
                    Descriptions.droppedBack(dropped.name(), blocked.get(0).name()));
        }
    }

    /**
     * The column renames that make {@code dropped} a candidate for {@code added}: none when their columns have the
     * same names and base types; otherwise each column that {@code added} lacks must be one it has under a name
     * that {@link Renames#namedColumn} gives it (a {@code --rename} under the new table's name), of the same base
     * type. Empty when they do not pair.
     */
    private Optional<Map<String, String>> namedColumns(Table dropped, Table added) {
        if (shape(dropped).equals(shape(added))) {
            return Optional.of(Map.of());
        }
        List<ColumnDef> come = added.columns().stream().filter(c -> dropped.column(c.name()).isEmpty()).toList();
        Map<String, String> renamed = new HashMap<>();
        List<String> shape = new ArrayList<>();
        for (ColumnDef column : dropped.columns()) {
            String name = column.name();
            if (added.column(name).isEmpty()) {
                List<ColumnDef> named = come.stream()
                        .filter(c -> renames.namedColumn(added.name(), column.name(), c.name())).toList();
                if (named.size() != 1 || renamed.containsValue(named.get(0).name())) {
                    return Optional.empty();
                }
                name = named.get(0).name();
                renamed.put(column.name(), name);
            }
            shape.add(name + "\0" + TypeNames.base(column.type()));
        }
        shape.sort(null);
        return shape.equals(shape(added)) ? Optional.of(renamed) : Optional.empty();
    }

    /**
     * Renames, without asking, the tables that follow a confirmed rename (see {@link TableFollowers}): renaming
     * the entity is what the user confirmed, and dropping these tables and creating them empty would lose the
     * collections. Repeated while one follows, since a follower's own collection tables follow it.
     *
     * @return the tables of {@code dropped} that follow nothing
     */
    private List<Table> follow(List<Table> dropped, List<Table> added) {
        List<Table> left = new ArrayList<>(dropped);
        boolean followed = !tables.isEmpty();
        while (followed) {
            followed = false;
            List<Table> free = added.stream().filter(t -> !tables.containsValue(t.name())).toList();
            List<TableFollowers.Owner> owners = TableFollowers.Owner.of(tables.entrySet());
            for (Table table : List.copyOf(left)) {
                Optional<TableFollowers.Follower> follower =
                        TableFollowers.follow(table, free, owners, renames::namedColumn);
                if (follower.isPresent() && !collides(table, follower.get().to())
                        && renames.mayFollow(table.name(), follower.get().to())) {
                    settle(follower.get());
                    left.remove(table);
                    followed = true;
                    break;
                }
            }
        }
        return left;
    }

    /**
     * Records a table renamed with its columns, which then are not asked about; those {@linkplain
     * Renames#namedColumn named} renamed are confirmed, so that a {@code --rename} for one counts as applied.
     */
    private void settle(TableFollowers.Follower follower) {
        tables.put(follower.from(), follower.to());
        if (!follower.columns().isEmpty()) {
            columns.computeIfAbsent(follower.to(), key -> new HashMap<>()).putAll(follower.columns());
        }
        follower.columns().forEach((from, to) -> {
            if (renames.namedColumn(follower.to(), from, to)) {
                renames.columnRenamed(follower.to(), from, to);
            }
        });
    }

    /**
     * Asks about the columns of each table on both sides, parents ({@code INHERITS}) first: a column renamed on a
     * parent it keeps is renamed in a child by PostgreSQL, which refuses to rename it in the child, so it is not asked
     * about (and has no answer of its own: {@link MigrationPlanner} passes the parent's down).
     */
    private void resolveColumns(DatabaseSchema current, DatabaseSchema desired) {
        Map<QualifiedName, Table> desiredTables = new HashMap<>();
        desired.tables().forEach(table -> desiredTables.put(table.name(), table));
        Map<QualifiedName, Table> currentTables = new HashMap<>();
        current.tables().forEach(table -> currentTables.put(table.name(), table));
        Map<QualifiedName, Map<String, String>> passedDown = new HashMap<>();
        for (QualifiedName name : DependencyOrder.of(currentTables.keySet(), t -> currentTables.get(t).inherits())) {
            Table before = currentTables.get(name);
            Table after = desiredTables.get(tables.getOrDefault(name, name));
            if (after == null) {
                continue;
            }
            Map<String, String> inherited = new HashMap<>();
            for (QualifiedName parent : before.inherits()) {
                if (after.inherits().contains(tables.getOrDefault(parent, parent))) {
                    passedDown.getOrDefault(parent, Map.of()).forEach((from, to) -> {
                        if (before.column(from).isPresent()) {
                            inherited.putIfAbsent(from, to);
                        }
                    });
                }
            }
            resolveColumns(before, after, inherited);
            Map<String, String> renamed = new HashMap<>(inherited);
            renamed.putAll(columns.getOrDefault(after.name(), Map.of()));
            passedDown.put(name, renamed);
        }
    }

    /** Asks about the columns of {@code before}, but for those {@code inherited} from its parents' renames. */
    private void resolveColumns(Table before, Table after, Map<String, String> inherited) {
        // Columns renamed along with a table that follows or that the model declares renamed are settled already.
        Map<String, String> settled = new HashMap<>(inherited);
        settled.putAll(columns.getOrDefault(after.name(), Map.of()));
        List<ColumnDef> added = after.columns().stream()
                .filter(c -> before.column(c.name()).isEmpty() && !settled.containsValue(c.name()))
                .toList();
        if (added.isEmpty()) {
            return;
        }
        List<ColumnPair> pairs = new ArrayList<>();
        for (ColumnDef dropped : before.columns()) {
            if (after.column(dropped.name()).isPresent() || settled.containsKey(dropped.name())) {
                continue;
            }
            for (ColumnDef candidate : added) {
                if (TypeNames.sameBase(dropped.type(), candidate.type())) {
                    pairs.add(new ColumnPair(dropped, candidate));
                }
            }
        }
        // The likeliest renames first, so that a question or a warning names the added column that matches best.
        pairs.sort(Comparator.comparingDouble(ColumnPair::likeness).reversed());
        Set<String> renamedFrom = new HashSet<>();
        Set<String> paired = new HashSet<>();
        for (ColumnPair pair : pairs) {
            String from = pair.dropped().name();
            String to = pair.added().name();
            if (!renamedFrom.contains(from) && !paired.contains(to)
                    && renames.columnRenamed(after.name(), from, to)) {
                columns.computeIfAbsent(after.name(), key -> new HashMap<>()).put(from, to);
                renamedFrom.add(from);
                paired.add(to);
            }
        }
        // Each column dropped for want of a yes is warned about with its best match among those still free, each
        // named once where it can be; one whose matches all went to others names its best match anyway.
        Map<String, ColumnDef> suggested = new LinkedHashMap<>();
        Set<String> named = new HashSet<>();
        for (boolean once : new boolean[] {true, false}) {
            for (ColumnPair pair : pairs) {
                String from = pair.dropped().name();
                String to = pair.added().name();
                if (renamedFrom.contains(from) || paired.contains(to) || suggested.containsKey(from)
                        || once && named.contains(to)) {
                    continue;
                }
                suggested.put(from, pair.added());
                named.add(to);
            }
        }
        suggested.forEach((from, declined) -> {
            String warning = Descriptions.declinedColumnRename(after.name(), before.column(from).orElseThrow(),
                    declined);
            droppedColumnWarnings.computeIfAbsent(after.name(), key -> new HashMap<>()).put(from, warning);
            addedColumnWarnings.computeIfAbsent(before.name(), key -> new HashMap<>()).putIfAbsent(declined.name(),
                    Descriptions.droppedBack(after.name(), before.column(from).orElseThrow(), declined));
        });
    }

    /**
     * A dropped and an added column of one table with the same base type, which may be one column renamed. The more
     * alike they are, the likelier: by name first (the longest run of characters they share, against the longer
     * name: {@code email} and {@code mail}, {@code handle} and {@code user_handle}), then the same type (length and
     * precision too), then the same nullability.
     */
    record ColumnPair(ColumnDef dropped, ColumnDef added) {
        double likeness() {
            double type = dropped.type().equals(added.type()) ? 0.6 : 0;
            double nullability = dropped.nullable() == added.nullable() ? 0.3 : 0;
            return 3 * sharedRun(dropped.name(), added.name()) + type + nullability;
        }

        /** The longest run of characters that {@code a} and {@code b} share, as a part of the longer one's length. */
        static double sharedRun(String a, String b) {
            int longest = 0;
            int[] previous = new int[b.length() + 1];
            for (int i = 1; i <= a.length(); i++) {
                int[] row = new int[b.length() + 1];
                for (int j = 1; j <= b.length(); j++) {
                    if (a.charAt(i - 1) == b.charAt(j - 1)) {
                        row[j] = previous[j - 1] + 1;
                        longest = Math.max(longest, row[j]);
                    }
                }
                previous = row;
            }
            return (double) longest / Math.max(1, Math.max(a.length(), b.length()));
        }
    }

    /**
     * Whether moving {@code table} into the schema of {@code to}, or renaming it there ({@link #renameCollides}),
     * would clash, either way: PostgreSQL refuses a move whose names are taken in the schema it moves to, even by an
     * object this revision drops or renames later.
     * The upgrade moves the table with its names in the database before anything else changes in its new schema;
     * the downgrade, planned the same way, moves it back with the model's names before anything changes in its old
     * schema, such as dropping a new table that took one of those names there once the table had left.
     */
    private boolean collides(Table table, QualifiedName to) {
        if (Objects.equals(table.name().schema(), to.schema())) {
            return renameCollides(table.name(), to);
        }
        Optional<Table> moved = desired.table(to);
        // Its own indexes and keys move with it and are renamed or dropped only after it is renamed.
        if (hasIndexNamed(table, to.name()) || moved.isPresent() && hasIndexNamed(moved.get(), table.name().name())) {
            return true;
        }
        // The sequences it owns go along, named as on either side: one named after the table is renamed once there.
        Set<String> sequences = ownedSequences(current, table.name());
        sequences.addAll(ownedSequences(desired, to));
        return namesTaken(current, table, to, sequences)
                || moved.isPresent() && namesTaken(desired, moved.get(), table.name(), sequences);
    }

    /**
     * Whether renaming table {@code from} to {@code to} in its schema would clash, either way: PostgreSQL refuses the
     * rename while an index or key has the new name, and tables are renamed before indexes and keys are dropped or
     * renamed. The upgrade renames the table while the database's indexes and keys are there, the downgrade while
     * the model's are. (Enum types and sequences that go make way before the rename.)
     */
    private boolean renameCollides(QualifiedName from, QualifiedName to) {
        return indexNames(current, to.schema()).contains(to.name())
                || indexNames(desired, from.schema()).contains(from.name());
    }

    /** Whether an index or key of {@code table} is named {@code name}. */
    private static boolean hasIndexNamed(Table table, String name) {
        return !name.equals(table.name().name()) && SchemaNames.relations(table).contains(name);
    }

    /** The names of the indexes and keys of the tables of {@code schema} in the schema {@code schemaName}. */
    private static Set<String> indexNames(DatabaseSchema schema, String schemaName) {
        Set<String> names = new HashSet<>();
        for (Table table : schema.tables()) {
            if (Objects.equals(table.name().schema(), schemaName)) {
                Set<String> own = SchemaNames.relations(table);
                own.remove(table.name().name());
                names.addAll(own);
            }
        }
        return names;
    }

    /**
     * Whether {@code schema} has, in the schema of {@code to}, a name that {@code table} takes there when it moves
     * with {@code sequences} and then is renamed to {@code to} (see {@link SchemaNames#relations(Table)}); or a type
     * of the name of its row type, which types share.
     */
    private static boolean namesTaken(DatabaseSchema schema, Table table, QualifiedName to, Set<String> sequences) {
        Set<String> moving = SchemaNames.relations(table);
        moving.add(to.name());
        moving.addAll(sequences);
        for (Table other : schema.tables()) {
            if (Objects.equals(other.name().schema(), to.schema())
                    && !Collections.disjoint(moving, SchemaNames.relations(other))) {
                return true;
            }
        }
        boolean sequenceTaken = schema.sequences().stream()
                .anyMatch(s -> Objects.equals(s.name().schema(), to.schema()) && moving.contains(s.name().name()));
        return sequenceTaken || schema.enums().stream().anyMatch(e -> Objects.equals(e.name().schema(), to.schema())
                && (e.name().name().equals(table.name().name()) || e.name().name().equals(to.name())));
    }

    /** The names of the sequences of {@code schema} that {@code table} owns (a serial column's). */
    private static Set<String> ownedSequences(DatabaseSchema schema, QualifiedName table) {
        Set<String> names = new HashSet<>();
        for (Sequence sequence : schema.sequences()) {
            if (sequence.isOwnedBy(table)) {
                names.add(sequence.name().name());
            }
        }
        return names;
    }

    /** What a table candidate must share: its columns' names and base types. */
    private static List<String> shape(Table table) {
        List<String> shape = new ArrayList<>();
        for (ColumnDef column : table.columns()) {
            shape.add(column.name() + "\0" + TypeNames.base(column.type()));
        }
        shape.sort(null);
        return shape;
    }

    /** Whether a table may have become the other: renamed in its schema, or moved to another keeping its name. */
    private static boolean sameSchemaOrName(QualifiedName dropped, QualifiedName added) {
        return Objects.equals(dropped.schema(), added.schema()) || dropped.name().equals(added.name());
    }

    private static Set<QualifiedName> names(DatabaseSchema schema) {
        Set<QualifiedName> names = new HashSet<>();
        schema.tables().forEach(table -> names.add(table.name()));
        return names;
    }
}
