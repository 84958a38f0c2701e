package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.Identity;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns that stop being identities while a sequence of the desired schema takes over numbering them: a
 * {@code serial} or {@code DEFAULT nextval(...)} column, or a JPA entity whose {@code @GeneratedValue} goes from
 * {@code IDENTITY} to {@code SEQUENCE}. Hibernate 6 then asks the sequence itself, so the column has no default,
 * and the sequence is named after the entity's table ({@code users_seq}, increment 50) unless a
 * {@code @SequenceGenerator} names it.
 *
 * <p>The identity's own sequence goes with the identity, and the new one starts at its start value, under the rows
 * the table holds: each pair gets a step that moves the sequence past them ({@link SqlText#moveSequencePastRows}).
 * A sequence is paired with a column, in this order: the model says the column's id generator draws from it (a
 * JPA model knows each entity's generator, so any number of entities may switch at once, to sequences of any
 * name, new or already there and shared with other tables); the column's default calls it; it is named after the
 * table ({@code users_seq}, {@code users_id_seq}); or it is the only new sequence that nothing else uses while
 * the column is the only one left that loses its identity (a {@code @SequenceGenerator} of another name, in a
 * model that does not say). Moving a sequence forward never hands out a value twice, and one already past the
 * rows is left alone, so a pairing that is wrong costs only skipped numbers. The sequences a takeover of a column
 * that was no identity is moved past too are chosen more narrowly ({@link SequencePlan#givingWay}): one that
 * numbered another table may be past every value the column holds.
 */
final class SequenceTakeovers {
    /**
     * A column of a table numbered by a sequence from now on.
     *
     * @param fromIdentity whether the column was an identity, whose own sequence goes; otherwise Hibernate numbered
     *     it from another generator (another sequence, a table) that the column's definition does not show
     */
    record Takeover(QualifiedName table, String column, QualifiedName sequence, boolean fromIdentity) {
    }

    /** The integer types, narrowest first. */
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    private SequenceTakeovers() {
    }

    /**
     * @param declared {@code table.column} to the sequence that numbers it, as the model declares it
     *     ({@link dev.retort.autogenerate.ModelDdl#idSequences})
     */
    static List<Takeover> find(DatabaseSchema current, DatabaseSchema desired, Map<QualifiedName, KeptTable> kept,
            Map<String, String> declared) {
        Set<QualifiedName> existing = current.sequences().stream().map(Sequence::name).collect(Collectors.toSet());
        Map<QualifiedName, Sequence> created = new LinkedHashMap<>();
        desired.sequences().stream().filter(s -> !existing.contains(s.name())
                && s.options().increment() != null && s.options().increment() > 0)
                .forEach(s -> created.put(s.name(), s));
        List<Takeover> found = new ArrayList<>();
        List<Takeover> unpaired = new ArrayList<>();
        for (KeptTable table : kept.values()) {
            for (ColumnDef column : table.after().columns()) {
                ColumnDef old = table.beforeColumn(column.name());
                if (old == null || old.identity() == Identity.NONE || column.identity() != Identity.NONE
                        || table.recreated().contains(column.name())) {
                    continue;
                }
                QualifiedName sequence = declared(table.name(), column.name(), declared, desired)
                        .or(() -> called(column, desired)).orElse(null);
                if (sequence == null) {
                    sequence = namedAfter(table.name(), column.name(), created.keySet());
                }
                Takeover takeover = new Takeover(table.name(), column.name(), sequence, true);
                (sequence == null ? unpaired : found).add(takeover);
            }
        }
        List<QualifiedName> free = new ArrayList<>(created.keySet());
        found.forEach(t -> free.remove(t.sequence()));
        free.removeIf(s -> usedByDefault(s, desired) || owned(created.get(s)));
        if (unpaired.size() == 1 && free.size() == 1) {
            Takeover only = unpaired.get(0);
            found.add(new Takeover(only.table(), only.column(), free.get(0), true));
        }
        found.addAll(newGenerators(current, desired, kept, declared, created.keySet()));
        return found;
    }

    /**
     * The columns that were no identity and that the model now numbers from a sequence this revision creates: an
     * entity whose {@code @GeneratedValue} goes from {@code TABLE} to {@code SEQUENCE}, or to a generator whose
     * sequence has another name ({@code hibernate_sequence} to {@code orders_seq}); a column whose default calls the
     * new sequence and did not before ({@code nextval('hibernate_sequence')} to {@code nextval('users_seq')}, or no
     * default to one). The new sequence starts at its start value, under the rows the column holds, and would hand
     * out their ids again. So does a sequence that stays, newly called by the default: it stopped where it was, and
     * the way back of such a switch calls the old sequence again, under the ids the new one handed out since.
     *
     * <p>The way back re-creates the sequence an upgrade drops while the older code still numbers the table from it:
     * {@code declared} has the columns whose takeover it gave way to (Hibernate 5's {@code hibernate_sequence}, which
     * numbered every entity), each moved past the ids the upgrade's sequence handed out since. Where nothing says (a
     * schema file, or an upgrade that created the sequence that numbers the column), a sequence named after the table
     * numbers its primary key, if that is one column of an integer type.
     */
    private static List<Takeover> newGenerators(DatabaseSchema current, DatabaseSchema desired,
            Map<QualifiedName, KeptTable> kept, Map<String, String> declared, Set<QualifiedName> created) {
        List<Takeover> found = new ArrayList<>();
        for (KeptTable table : kept.values()) {
            for (ColumnDef column : table.after().columns()) {
                ColumnDef old = table.beforeColumn(column.name());
                if (old == null || old.identity() != Identity.NONE || column.identity() != Identity.NONE
                        || table.recreated().contains(column.name())) {
                    continue;
                }
                declared(table.name(), column.name(), declared, desired).filter(created::contains)
                        .or(() -> newlyCalled(old, column, created, current, desired))
                        .or(() -> Optional.ofNullable(numbersKey(table.after(), column, created, desired)))
                        .ifPresent(s -> found.add(new Takeover(table.name(), column.name(), s, false)));
            }
        }
        return found;
    }

    /**
     * The new sequence named after {@code table} if {@code column} is its primary key, alone and an integer, with no
     * default of its own, and the sequence is free: no default calls it, no column owns it, and its values reach as
     * far as the column's (a {@code smallint} sequence cannot move past {@code integer} ids).
     */
    private static QualifiedName numbersKey(Table table, ColumnDef column, Set<QualifiedName> created,
            DatabaseSchema desired) {
        boolean key = table.primaryKey() != null && table.primaryKey().columns().equals(List.of(column.name()))
                && INTEGERS.indexOf(column.type()) >= 0 && column.defaultExpression() == null;
        QualifiedName candidate = key ? namedAfter(table.name(), column.name(), created) : null;
        if (candidate == null || usedByDefault(candidate, desired)) {
            return null;
        }
        Sequence sequence = desired.sequence(candidate).orElse(null);
        return sequence != null && !owned(sequence) && reaches(sequence, column) ? candidate : null;
    }

    /**
     * The sequence that the default of {@code column}, an integer, calls and the default it had, {@code old}, did
     * not: a new one, or one that was there and stays, counting up. Moved only forward, one that numbers other
     * columns too hands out no value twice. Only if its values reach as far as the column's.
     */
    private static Optional<QualifiedName> newlyCalled(ColumnDef old, ColumnDef column, Set<QualifiedName> created,
            DatabaseSchema current, DatabaseSchema desired) {
        Optional<QualifiedName> before = called(old, current);
        return called(column, desired).filter(s -> !before.equals(Optional.of(s))
                && (created.contains(s) || staysCountingUp(s, current, desired))
                && INTEGERS.indexOf(column.type()) >= 0
                && desired.sequence(s).filter(sequence -> reaches(sequence, column)).isPresent());
    }

    /** Whether {@code sequence} is in both schemas and counts up in the desired one. */
    private static boolean staysCountingUp(QualifiedName sequence, DatabaseSchema current, DatabaseSchema desired) {
        return current.sequence(sequence).isPresent() && desired.sequence(sequence)
                .filter(s -> s.options().increment() != null && s.options().increment() > 0).isPresent();
    }

    /** Whether the values of {@code sequence} reach as far as those of {@code column}, an integer. */
    private static boolean reaches(Sequence sequence, ColumnDef column) {
        return INTEGERS.indexOf(Objects.requireNonNullElse(sequence.options().dataType(), "bigint"))
                >= INTEGERS.indexOf(column.type());
    }

    private static boolean owned(Sequence sequence) {
        return sequence.ownerTable().isPresent();
    }

    /** The sequence the model says numbers the column, if the desired schema has it. */
    private static Optional<QualifiedName> declared(QualifiedName table, String column, Map<String, String> declared,
            DatabaseSchema desired) {
        String name = declared.get(table + "." + column);
        return name == null ? Optional.empty() : desired.sequences().stream()
                .filter(s -> s.name().toString().equals(name) && s.options().increment() != null
                        && s.options().increment() > 0)
                .map(Sequence::name).findFirst();
    }

    /** The sequence the column's default calls, if the desired schema has it. */
    private static Optional<QualifiedName> called(ColumnDef column, DatabaseSchema desired) {
        return called(column.defaultExpression(), desired);
    }

    /** The sequence of {@code schema} that a default, {@code expression} (null: none), calls. */
    static Optional<QualifiedName> called(String expression, DatabaseSchema schema) {
        if (expression == null) {
            return Optional.empty();
        }
        return schema.sequences().stream().map(Sequence::name)
                .filter(s -> expression.contains(regclass(s))).findFirst();
    }

    /**
     * The largest value a column or a sequence of {@code type} holds, when that is less than a sequence may reach:
     * {@code smallint}'s and {@code integer}'s; null for {@code bigint} (or no type: a sequence's default), and for
     * any other type.
     */
    static Long largest(String type) {
        if ("smallint".equals(type)) {
            return (long) Short.MAX_VALUE;
        }
        return "integer".equals(type) ? (long) Integer.MAX_VALUE : null;
    }

    /** The one of {@code among} named after the table's column as Hibernate and {@code serial} name them; or null. */
    static QualifiedName namedAfter(QualifiedName table, String column, Collection<QualifiedName> among) {
        for (String name : List.of(table.name() + "_seq", table.name() + "_" + column + "_seq")) {
            QualifiedName candidate = QualifiedName.of(table.schema(), name);
            if (among.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether a default of {@code desired} calls {@code sequence}, as in {@code nextval('orders_seq'::regclass)}. */
    static boolean usedByDefault(QualifiedName sequence, DatabaseSchema desired) {
        String called = regclass(sequence);
        return desired.tables().stream().flatMap(t -> t.columns().stream())
                .anyMatch(c -> c.defaultExpression() != null && c.defaultExpression().contains(called));
    }

    /** A sequence as a default names it: {@code 'orders_id_seq'::regclass}. */
    private static String regclass(QualifiedName sequence) {
        return "'" + SqlText.quote(sequence).replace("'", "''") + "'::regclass";
    }
}
