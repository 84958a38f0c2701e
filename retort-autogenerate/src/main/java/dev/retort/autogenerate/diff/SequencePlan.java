package dev.retort.autogenerate.diff;

import dev.retort.operation.AlterSequence;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.DropSequence;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The sequence part of a diff: creates, option changes, ownership and drops.
 *
 * <p>Ownership ({@code OWNED BY table.column}) is handled apart from the other options, because it ties the
 * sequence to a column's life: a sequence is created unowned, before the tables whose defaults use it, and gets
 * its owner once the tables and columns exist; a sequence losing its owner, or whose owning column is dropped
 * and added again, is released first, so dropping that table or column does not take the sequence with it.
 *
 * <p>A new sequence whose name a table or an index of the current schema has, which PostgreSQL keeps in the same
 * namespace, is created late ({@link #late()}): once the table is dropped or renamed, and the index dropped or
 * renamed.
 */
final class SequencePlan {
    /** The one sequence Hibernate 5 numbered every entity's ids from, unless a generator named another. */
    private static final String HIBERNATE_5_SEQUENCE = "hibernate_sequence";
    private final List<Change> early = new ArrayList<>();
    private final List<Change> late = new ArrayList<>();
    private final List<Change> owners = new ArrayList<>();
    private final List<Change> drops = new ArrayList<>();
    /** The created sequence each warned drop names as the one that may take over from it. */
    private final Map<Change, QualifiedName> candidates = new HashMap<>();
    /** The sequences dropped while others are created, which may have numbered what a created one numbers next. */
    private final List<QualifiedName> givingWay = new ArrayList<>();
    private final Set<QualifiedName> droppedLast = new HashSet<>();
    private final int createdCount;
    private final DatabaseSchema current;
    private final BiPredicate<QualifiedName, String> recreated;

    /**
     * @param current the current schema with confirmed renames applied, so owners compare by their new names
     * @param recreated whether a column of a table is dropped and added again, taking an owned sequence with it
     * @param upgrade whether {@code desired} is the model's schema, so that a sequence it lacks is warned of
     */
    SequencePlan(DatabaseSchema current, DatabaseSchema desired, BiPredicate<QualifiedName, String> recreated,
            boolean upgrade) {
        this.recreated = recreated;
        this.current = current;
        Map<QualifiedName, Sequence> before = new HashMap<>();
        current.sequences().forEach(s -> before.put(s.name(), s));
        Set<QualifiedName> after = new HashSet<>();
        for (Sequence sequence : desired.sequences()) {
            after.add(sequence.name());
            Sequence old = before.get(sequence.name());
            SequenceOwner owner = owner(sequence);
            if (old == null) {
                (SchemaNames.isRelation(current, sequence.name()) ? late : early).add(Change.of(
                        new CreateSequence(sequence.name(), sequence.options().ownedBy(null), false),
                        "create sequence " + sequence.name()));
            } else {
                alter(old, sequence);
            }
            if (!owner.isNone() && (old == null || !owner.equals(owner(old)) || ownerRecreated(old))) {
                owners.add(Change.of(new AlterSequence(sequence.name(), SequenceOptions.UNSPECIFIED.ownedBy(owner), null),
                        "set owner of sequence " + sequence.name() + " to "
                                + QualifiedName.of(sequence.name().schema(), owner.table()) + "." + owner.column()));
            }
        }
        List<Sequence> created = desired.sequences().stream().filter(s -> !before.containsKey(s.name())).toList();
        createdCount = created.size();
        for (Sequence sequence : current.sequences()) {
            if (after.contains(sequence.name())) {
                continue;
            }
            if (!owner(sequence).isNone()) {
                early.add(Change.of(release(sequence.name(), SequenceOptions.UNSPECIFIED),
                        "release sequence " + sequence.name() + " from its owning column, so it can be dropped"));
            }
            DropSequence drop = new DropSequence(sequence.name(), false, false);
            droppedLast.add(sequence.name());
            String description = "drop sequence " + sequence.name();
            if (numbersDroppedTable(sequence, current, desired)) {
                drops.add(Change.of(drop, description));
            } else if (created.isEmpty()) {
                // The way back only undoes a create of the upgrade, as a table's drop there undoes its create.
                drops.add(upgrade && !ownerDropped(sequence, desired) ? new Change(drop, description, false,
                        Descriptions.droppedSequence(sequence.name(), sequence.options().start()))
                        : Change.of(drop, description));
            } else {
                // Paired in order with the created ones, as rename candidates are: one name to check is enough.
                Sequence candidate = created.get(Math.min(drops.size(), created.size() - 1));
                Change warned = new Change(drop, description, false, Descriptions.droppedSequence(sequence.name(),
                        candidate.name(), candidate.options().start()));
                drops.add(warned);
                candidates.put(warned, candidate.name());
                givingWay.add(sequence.name());
            }
        }
    }

    /**
     * Whether the sequence is named after a table that is dropped too ({@code orders_seq} with {@code orders}, as
     * Hibernate names them): no row it numbered stays, so whatever numbers rows next cannot collide with them.
     */
    private static boolean numbersDroppedTable(Sequence sequence, DatabaseSchema current, DatabaseSchema desired) {
        return current.tables().stream()
                .filter(t -> desired.table(t.name()).isEmpty())
                .anyMatch(t -> sequence.name().name().startsWith(t.name().name() + "_"));
    }

    /** Whether the table that owns {@code sequence} goes too: its rows, which the sequence numbered, go with it. */
    private static boolean ownerDropped(Sequence sequence, DatabaseSchema desired) {
        return sequence.ownerTable().filter(t -> desired.table(t).isEmpty()).isPresent();
    }

    /** Creates, option changes and releases from owners: before the tables change. */
    List<Change> early() {
        return List.copyOf(early);
    }

    /**
     * Creates of the sequences whose name a table or an index of the current schema has: once the tables that go
     * first are dropped and the indexes and keys that go are dropped or renamed, before the tables are created.
     */
    List<Change> late() {
        return List.copyOf(late);
    }

    /** New owners: after tables and columns are created. */
    List<Change> owners() {
        return List.copyOf(owners);
    }

    /**
     * Drops: after every default that used the sequences is gone. A drop is not warned of when the sequence that may
     * take over from it is one of {@code movedPastRows}, which the migration moves past the rows it numbers: it does
     * not start again where the warning would say. One of {@code madeAgainPast}, which numbered columns that become
     * identities and which the way back makes again past their ids ({@link FormerSequences}), is warned of only for
     * what else draws from it.
     */
    List<Change> drops(Set<QualifiedName> movedPastRows, Set<QualifiedName> madeAgainPast) {
        return drops.stream().map(drop -> {
            if (movedPastRows.contains(candidates.get(drop))) {
                return Change.of(drop.operation(), drop.description());
            }
            QualifiedName dropped = ((DropSequence) drop.operation()).sequence();
            return drop.warning() != null && !candidates.containsKey(drop) && madeAgainPast.contains(dropped)
                    ? new Change(drop.operation(), drop.description(), false,
                            Descriptions.droppedSequenceMadeAgainPast(dropped))
                    : drop;
        }).toList();
    }

    /**
     * Of the sequences this diff drops while it creates others (unless they number a table it drops), those that may
     * have handed out the ids of {@code table.column}, which a created sequence numbers from now on: the drops come
     * after the new sequence is moved past them. When the column's default called a sequence ({@code oldDefault}),
     * that one numbered it. Otherwise (a JPA id, whose column has no default as Hibernate calls the sequence itself)
     * one named after the table ({@code users_seq}, {@code users_id_seq}), Hibernate 5's {@code hibernate_sequence},
     * which numbered every table, and the only one dropped while one is created; of the others nothing tells which
     * column they numbered, and one that numbered another table may be far past this one's ids (a {@code bigint}
     * column's, past what an {@code integer} holds): moved past it, the new sequence would hand out only ids the
     * column cannot hold. No default calls them and no column owns them: those number another column.
     */
    List<QualifiedName> givingWay(QualifiedName table, String column, String oldDefault) {
        Optional<QualifiedName> called = SequenceTakeovers.called(oldDefault, current);
        if (called.isPresent()) {
            return givingWay.contains(called.get()) ? List.of(called.get()) : List.of();
        }
        List<QualifiedName> free = givingWay.stream().filter(s -> !SequenceTakeovers.usedByDefault(s, current)
                && current.sequence(s).flatMap(Sequence::ownerTable).isEmpty()).toList();
        if (givingWay.size() == 1 && createdCount == 1) {
            return free;
        }
        return free.stream().filter(s -> s.name().equals(HIBERNATE_5_SEQUENCE)
                || SequenceTakeovers.namedAfter(table, column, List.of(s)) != null).toList();
    }

    /**
     * Whether this diff drops {@code sequence} with the other drops ({@link #drops}), once the sequences that take over
     * from it are moved past its last value.
     */
    boolean dropsLast(QualifiedName sequence) {
        return droppedLast.contains(sequence);
    }

    /**
     * The sequences this diff drops while it creates others that may have numbered a column whose takeover none of
     * them gave way to, as {@link #givingWay} picks them, apart from {@code claimed}: those that gave way to one.
     */
    List<QualifiedName> unclaimed(Set<QualifiedName> claimed) {
        return givingWay.stream().filter(s -> !claimed.contains(s) && !SequenceTakeovers.usedByDefault(s, current)
                && current.sequence(s).flatMap(Sequence::ownerTable).isEmpty()).toList();
    }

    private void alter(Sequence old, Sequence sequence) {
        SequenceOptions from = old.options();
        SequenceOptions to = sequence.options();
        SequenceOptions changed = SequenceOptions.UNSPECIFIED;
        List<String> what = new ArrayList<>();
        if (to.dataType() != null && !to.dataType().equals(from.dataType())) {
            changed = changed.dataType(to.dataType());
            what.add("type " + from.dataType() + " -> " + to.dataType());
        }
        if (to.start() != null && !to.start().equals(from.start())) {
            changed = changed.start(to.start());
            what.add("start " + from.start() + " -> " + to.start());
        }
        if (to.increment() != null && !to.increment().equals(from.increment())) {
            changed = changed.increment(to.increment());
            what.add("increment " + from.increment() + " -> " + to.increment());
        }
        if (to.minValue() != null && !to.minValue().equals(from.minValue())) {
            changed = changed.minValue(to.minValue());
            what.add("minvalue " + from.minValue() + " -> " + to.minValue());
        }
        if (to.maxValue() != null && !to.maxValue().equals(from.maxValue())) {
            changed = changed.maxValue(to.maxValue());
            what.add("maxvalue " + from.maxValue() + " -> " + to.maxValue());
        }
        if (to.cache() != null && !to.cache().equals(from.cache())) {
            changed = changed.cache(to.cache());
            what.add("cache " + from.cache() + " -> " + to.cache());
        }
        if (to.cycle() != null && !to.cycle().equals(from.cycle())) {
            changed = changed.cycle(to.cycle());
            what.add(to.cycle() ? "cycle" : "no cycle");
        }
        boolean release = !owner(old).isNone() && (!owner(old).equals(owner(sequence)) || ownerRecreated(old));
        if (release) {
            what.add("release from its owning column");
        }
        if (!what.isEmpty()) {
            early.add(Change.of(release ? release(sequence.name(), changed) : new AlterSequence(sequence.name(), changed, null),
                    "alter sequence " + sequence.name() + ": " + String.join(", ", what)));
        }
    }

    /** Whether the column owning {@code sequence} is dropped and added again by this diff. */
    private boolean ownerRecreated(Sequence sequence) {
        SequenceOwner owner = owner(sequence);
        return !owner.isNone()
                && recreated.test(QualifiedName.of(sequence.name().schema(), owner.table()), owner.column());
    }

    private static AlterSequence release(QualifiedName sequence, SequenceOptions options) {
        return new AlterSequence(sequence, options.ownedBy(SequenceOwner.NONE), null);
    }

    private static SequenceOwner owner(Sequence sequence) {
        return Objects.requireNonNullElse(sequence.options().ownedBy(), SequenceOwner.NONE);
    }
}
