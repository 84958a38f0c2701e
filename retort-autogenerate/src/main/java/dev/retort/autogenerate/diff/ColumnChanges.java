package dev.retort.autogenerate.diff;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CommentChange;
import dev.retort.operation.DefaultChange;
import dev.retort.operation.DropColumn;
import dev.retort.operation.Identity;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TypeChange;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column changes of one table that exists on both sides: generated and identity columns released first,
 * then drops, changes and adds.
 *
 * <p>A column change may take several statements because PostgreSQL orders them strictly: an identity or a
 * generation expression is dropped before a default is set, a default that the new type cannot hold is dropped
 * before the type changes and set again after, and an identity is added once the column is {@code NOT NULL}
 * without a default.
 */
final class ColumnChanges {
    /** The column types that can hold an enum's ordinals, as Hibernate maps {@code @Enumerated(ORDINAL)}. */
    private static final Set<String> ORDINALS = Set.of("smallint", "integer", "bigint");

    private final KeptTable table;
    private final EnumPlan enums;
    private final ModelEnums modelEnums;
    private final RenameAnswers renames;
    private final Set<String> takenOver;
    private final Map<String, QualifiedName> formerSequences;
    private final Map<QualifiedName, String> keptSequences;
    private final Set<QualifiedName> droppedBefore;
    private final List<Change> changes = new ArrayList<>();

    private ColumnChanges(KeptTable table, EnumPlan enums, ModelEnums modelEnums, RenameAnswers renames,
            Set<String> takenOver, Map<String, QualifiedName> formerSequences,
            Map<QualifiedName, String> keptSequences, Set<QualifiedName> droppedBefore) {
        this.table = table;
        this.enums = enums;
        this.modelEnums = modelEnums;
        this.renames = renames;
        this.takenOver = takenOver;
        this.formerSequences = formerSequences;
        this.keptSequences = keptSequences;
        this.droppedBefore = droppedBefore;
    }

    /**
     * The column changes of {@code table}, in the order they must run. {@code takenOver} are the columns a sequence
     * numbers instead of their identity ({@link SequenceTakeovers}): the planner drops those identities itself,
     * before it creates the sequences. {@code formerSequences} are the sequences that numbered columns which become
     * identities, where no default says so ({@link FormerSequences}): each identity starts past its last value.
     * Those of them that stay as functions name them are {@code keptSequences}' ({@link SchemaDiffer#keeping}).
     * {@code modelEnums} are the constants of the Java enums the model's columns hold: a column that goes between an
     * enum's ordinals and its names has its rows converted ({@link #recoding}). {@code droppedBefore} are the tables
     * dropped before the columns change ({@link DroppedTables#first}): their own policies and triggers, gone with
     * them, are in the way of no column's drop or type change.
     */
    static List<Change> of(KeptTable table, EnumPlan enums, ModelEnums modelEnums, RenameAnswers renames,
            Set<String> takenOver, Map<String, QualifiedName> formerSequences,
            Map<QualifiedName, String> keptSequences, Set<QualifiedName> droppedBefore) {
        ColumnChanges columns = new ColumnChanges(table, enums, modelEnums, renames, takenOver, formerSequences,
                keptSequences, droppedBefore);
        List<Kept> kept = new ArrayList<>();
        for (ColumnDef column : table.after().columns()) {
            ColumnDef old = table.beforeColumn(column.name());
            if (old != null && !table.recreated().contains(column.name())) {
                kept.add(new Kept(old, column));
            }
        }
        kept.forEach(k -> columns.release(k.old(), k.column()));
        columns.drops();
        kept.forEach(k -> columns.alter(k.old(), k.column()));
        columns.adds();
        return List.copyOf(columns.changes);
    }

    /** A column altered in place: as it is, and as it should be. */
    private record Kept(ColumnDef old, ColumnDef column) {
    }

    /**
     * Turns generated and identity columns that become ordinary into ordinary ones, before anything else: a
     * generated column blocks dropping or retyping the columns it reads, an identity blocks a default.
     */
    private void release(ColumnDef old, ColumnDef column) {
        QualifiedName name = table.name();
        String label = name + "." + column.name();
        if (old.generatedExpression() != null && column.generatedExpression() == null) {
            changes.add(Change.of(SqlText.dropExpression(name, column.name()),
                    "make " + label + " an ordinary column, keeping its values"));
        }
        if (old.identity() != Identity.NONE && column.identity() == Identity.NONE
                && !takenOver.contains(column.name())) {
            changes.add(new Change(SqlText.dropIdentity(name, column.name()), "drop identity of " + label, false,
                    Descriptions.droppedIdentity(name, column.name())));
        }
    }

    private void drops() {
        QualifiedName name = table.name();
        // Generated columns go first: PostgreSQL refuses to drop a column that a generated column reads.
        List<ColumnDef> dropped = table.before().columns().stream()
                .filter(c -> table.reshaped().contains(c.name()))
                .sorted(Comparator.comparing((ColumnDef c) -> c.generatedExpression() == null))
                .toList();
        for (ColumnDef column : dropped) {
            boolean recreated = table.recreated().contains(column.name());
            ColumnDef after = recreated ? table.afterColumn(column.name()) : null;
            String description = "drop column " + name + "." + column.name()
                    + (recreated ? ", " + again(column, after, table) : "");
            String warning = !recreated ? renames.columnWarning(name, column.name())
                    : after.generatedExpression() == null ? Descriptions.virtualBecomesOrdinary(name, column.name())
                    : Descriptions.recreatedColumn(name, column.name());
            // A generated column's values are recomputed from the others; an ordinary column's are gone.
            boolean losesData = column.generatedExpression() == null;
            // Dropped from the table alone, the column stays, with its values, in the tables that inherit it; a NOT
            // NULL one loses its NOT NULL there first, which leaves each child's its own (PostgreSQL 18 would leave
            // them one inherited from no parent, which none could drop).
            boolean alone = table.droppedAlone().contains(column.name());
            DropColumn drop = new DropColumn(name, column.name(), false, false, alone, alone && !column.nullable());
            warning = Descriptions.both(warning, readers(column.name(), true));
            changes.add(new Change(drop, alone ? description + ", keeping it in the tables that inherit it"
                    : description, losesData, warning));
        }
    }

    /** How a recreated column comes back. */
    private static String again(ColumnDef before, ColumnDef after, KeptTable table) {
        if (after.generatedExpression() == null) {
            return "to add it again as an ordinary column";
        }
        if (before.generatedExpression() == null) {
            return "to add it again as a " + (after.virtual() ? "virtual " : "") + "generated column";
        }
        if (before.virtual() != after.virtual()) {
            return "to add it again " + (after.virtual() ? "virtual" : "stored");
        }
        if (Objects.equals(before.generatedExpression(), after.generatedExpression())) {
            // Unchanged itself: PostgreSQL retypes or drops no column that a generated column reads.
            Set<String> moving = new TreeSet<>(table.retyped());
            moving.addAll(table.removed());
            List<String> read = moving.stream()
                    .filter(c -> ExpressionNames.mentions(before.generatedExpression(), Set.of(c))).toList();
            return "to add it again over " + (read.isEmpty() ? "the columns it reads"
                    : String.join(", ", read) + (read.size() == 1 ? ", which changes" : ", which change"));
        }
        return "to add it again with a new generation expression";
    }

    private void adds() {
        for (ColumnDef column : table.after().columns()) {
            if (table.beforeColumn(column.name()) == null || table.recreated().contains(column.name())) {
                changes.add(Change.of(new AddColumn(table.name(), column, false),
                        "add column " + table.name() + "." + Descriptions.column(column)));
            }
        }
    }

    private void alter(ColumnDef old, ColumnDef column) {
        QualifiedName name = table.name();
        String label = name + "." + column.name();

        boolean typeChanged = !old.type().equals(column.type());
        // A default naming a recreated enum type still names the old one (EnumPlan#namesRecreated): set it again.
        boolean defaultChanged = !Objects.equals(old.defaultExpression(), column.defaultExpression())
                || enums.namesRecreated(old.defaultExpression());
        // The old default is converted to the new type unless dropped first, which fails across base types.
        boolean resetDefault = typeChanged && old.defaultExpression() != null
                && (defaultChanged || !TypeNames.sameBase(old.type(), column.type()));
        String using = typeChanged ? using(column.name(), old.type(), column.type()) : null;
        boolean losesData = typeChanged && enums.losesData(old.type(), column.type());
        Boolean nullable = old.nullable() == column.nullable() ? null : column.nullable();
        // A NOT NULL to come back NOT VALID (a downgrade to a database that had it so) is added as such: SET NOT NULL
        // would fail on the nulls it let stay.
        String notValid = Boolean.FALSE.equals(nullable) ? table.after().unvalidatedNotNulls().get(column.name())
                : null;
        if (notValid != null) {
            nullable = null;
        }
        CommentChange comment = Objects.equals(old.comment(), column.comment()) ? null
                : new CommentChange(column.comment());
        DefaultChange newDefault = column.defaultExpression() == null ? DefaultChange.drop()
                : DefaultChange.set(column.defaultExpression());
        boolean recoded = typeChanged && recoding(column.name(), old.type(), column.type()) != null;

        if (!Objects.equals(old.collation(), column.collation())) {
            List<String> parts = new ArrayList<>();
            if (typeChanged) {
                parts.add("type " + old.type() + " -> " + column.type());
            }
            parts.add("collation " + describe(old.collation()) + " -> " + describe(column.collation()));
            changes.add(new Change(SqlText.alterTypeAndCollation(name, column.name(), resetDefault, column.type(),
                    column.collation(), using), "alter column " + label + ": " + String.join(", ", parts), losesData,
                    typeChanged ? retypeWarning(column.name(), old.type(), column.type()) : null));
            DefaultChange rest = resetDefault
                    ? (column.defaultExpression() == null ? null : newDefault)
                    : (defaultChanged ? newDefault : null);
            addAlter(column.name(), null, nullable, rest, comment, false, null, null);
        } else {
            TypeChange type = typeChanged ? new TypeChange(column.type(), using) : null;
            DefaultChange first = resetDefault ? DefaultChange.drop() : (defaultChanged ? newDefault : null);
            String warning = typeChanged ? retypeWarning(column.name(), old.type(), column.type()) : null;
            // One that needs a warning (character(n) to text drops the blanks) is left to the linter's too, and so is
            // one whose values are converted besides.
            String widens = typeChanged && !losesData && warning == null && !recoded
                    && !TypeNames.losesData(old.type(), column.type()) ? old.type() + " to " + column.type() : null;
            addAlter(column.name(), type, nullable, first, comment, losesData, warning, widens);
            if (resetDefault && column.defaultExpression() != null) {
                addAlter(column.name(), null, null, newDefault, null, false, null, null);
            }
        }

        if (notValid != null) {
            changes.add(Change.of(SqlText.addNotNullNotValid(name, notValid, column.name()),
                    "add not null " + label + " (constraint " + notValid + ", not valid)"));
        }
        validate(old, column);

        if (old.identity() == Identity.NONE && column.identity() != Identity.NONE) {
            changes.add(Change.of(SqlText.addIdentity(name, column.name(), column.identity(),
                            column.identityOptions()),
                    "make " + label + " an identity column, generated " + identity(column.identity())));
            // Its new sequence starts at its start (1 unless its options say), under the rows the table may hold.
            QualifiedName former = formerSequences.get(column.name());
            String restart = "restart the identity of " + label + " after the largest value it holds"
                    + (former == null ? "" : " and the last value of sequence " + former
                            + ", which numbered it before");
            // One that stays for a function may go on handing out the numbers the identity hands out.
            String functions = former == null ? null : keptSequences.get(former);
            changes.add(new Change(SqlText.restartIdentityAfterRows(name, column.name(), old.defaultExpression(),
                    former, SequenceTakeovers.largest(column.type()), column.identityOptions()), restart, false,
                    functions == null ? null
                            : Descriptions.keptFormerSequence(former, functions, "the identity of " + label, label)));
        } else if (old.identity() != Identity.NONE && column.identity() != Identity.NONE
                && old.identity() != column.identity()) {
            changes.add(Change.of(SqlText.setIdentity(name, column.name(), column.identity()),
                    "generate " + label + " " + identity(column.identity())));
        }
        if (old.identity() != Identity.NONE && column.identity() != Identity.NONE
                && !old.identityOptions().equals(column.identityOptions())) {
            changes.add(new Change(SqlText.setIdentityOptions(name, column.name(), old.identityOptions(),
                    column.identityOptions()), "set identity options of " + label + ": "
                    + Descriptions.identityOptions(column.identityOptions()), false,
                    Objects.equals(old.identityOptions().start(), column.identityOptions().start()) ? null
                            : Descriptions.identityStart(name, column.name())));
        }
    }

    /**
     * Validates a NOT NULL added {@code NOT VALID} (PostgreSQL 18) that the model wants: the column reads NOT NULL on
     * both sides, but PostgreSQL has not checked the rows from before, so the column may still hold nulls, and it
     * refuses a primary key over it. A NOT VALID check or foreign key reads as the validated one (whose rows only the
     * application can put right); a column's NOT NULL is the model's promise that it holds no nulls, which only the
     * validation keeps. VALIDATE CONSTRAINT scans the table under a lock that lets reads and writes through, and runs
     * before the table's new constraints (such as that primary key). A model that wants the column nullable gets
     * DROP NOT NULL, which drops the unvalidated constraint as any other.
     */
    private void validate(ColumnDef old, ColumnDef column) {
        String constraint = table.before().unvalidatedNotNulls().get(column.name());
        if (constraint == null || old.nullable() || column.nullable()
                || table.after().unvalidatedNotNulls().containsKey(column.name())) {
            return;
        }
        changes.add(Change.of(SqlText.validateConstraint(table.name(), constraint), "validate not null "
                + table.name() + "." + column.name() + " (constraint " + constraint + ", added not valid)"));
    }

    private void addAlter(String column, TypeChange type, Boolean nullable, DefaultChange defaultValue,
            CommentChange comment, boolean losesData, String warning, String widens) {
        if (type == null && nullable == null && defaultValue == null && comment == null) {
            return;
        }
        ColumnDef old = table.beforeColumn(column);
        List<String> parts = new ArrayList<>();
        if (type != null) {
            parts.add("type " + old.type() + " -> " + type.type());
        }
        if (nullable != null) {
            parts.add(nullable ? "drop not null" : "set not null");
        }
        if (defaultValue != null) {
            parts.add(defaultValue.isDrop() ? "drop default" : "default " + defaultValue.expression());
        }
        if (comment != null) {
            parts.add(comment.comment() == null ? "remove comment" : "comment '" + comment.comment() + "'");
        }
        changes.add(new Change(new AlterColumn(table.name(), column, type, nullable, defaultValue, comment, null),
                "alter column " + table.name() + "." + column + ": " + String.join(", ", parts), losesData, warning,
                widens));
    }

    /**
     * How existing values become the new type: nothing when only a length or precision changes, a cast otherwise,
     * through text between enum types (PostgreSQL has no cast from one enum to another), and through the large
     * object's contents to or from {@code oid} (see {@link LargeObjects}). Into a type bounded by a length, whose
     * explicit cast would cut values to fit, nothing either, or a cast to the type without its bound (see
     * {@link AssignmentCasts}): the assignment to the new type then fails on a value too long. A cast PostgreSQL
     * lacks is written all the same, so that the migration says what changed, with a warning ({@link PostgresCasts}).
     */
    private String using(String column, String from, String to) {
        if (TypeNames.sameBase(from, to)) {
            return null;
        }
        String name = SqlText.quote(column);
        if (enums.isEnum(from) && enums.isEnum(to)) {
            return name + (TypeNames.isArray(from) ? "::text[]::" : "::text::") + to;
        }
        String contents = LargeObjects.using(name, from, to);
        if (contents != null) {
            return contents;
        }
        String ordinals = enumOrdinals(column, from, to);
        if (ordinals != null) {
            return ordinals;
        }
        String recoding = recoding(column, from, to);
        if (recoding != null) {
            return recoding;
        }
        String castType = AssignmentCasts.castType(from, to);
        return castType == null ? null : name + "::" + castType;
    }

    /**
     * The USING that turns the ordinals of the Java enum the model says the column holds into the values of a
     * PostgreSQL enum type ({@code @Enumerated(ORDINAL)} made {@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)}), or those
     * values into the ordinals the other way, or null: when the model names no enum for the column or the database
     * shows no ordinals of it ({@link #ordinalConstants}; see {@link #ordinals} for the suggestion that is left), or
     * when the type lacks one of its constants (so it is not the type of that enum). The array lists the constants in
     * the order the model declares them, not the type's (Hibernate's lists them sorted). A value the array does not
     * hold would become a null, which loses it or fails on a NOT NULL with no word of the value: it goes through text
     * to the new type instead, which PostgreSQL refuses ({@code invalid input value for enum mood: "7"}), so the
     * migration fails and changes nothing. A null stays null.
     */
    private String enumOrdinals(String column, String from, String to) {
        if (TypeNames.isArray(from) || TypeNames.isArray(to)) {
            return null;
        }
        List<String> constants = ordinalConstants(column, from, to);
        if (constants == null) {
            return null;
        }
        String name = SqlText.quote(column);
        String refused = name + "::text::" + to;
        List<String> values = enums.desiredValues(to);
        if (values != null && ORDINALS.contains(from) && values.containsAll(constants)) {
            return "coalesce((" + array(constants, to) + ")[" + name + " + 1], " + refused + ")";
        }
        values = enums.currentValues(from);
        if (values != null && ORDINALS.contains(to) && values.containsAll(constants)) {
            return "coalesce(array_position(" + array(constants, from) + ", " + name + ") - 1, " + refused + ")";
        }
        return null;
    }

    /**
     * A conversion between an enum's ordinals and its values to suggest where PostgreSQL has no cast, or null: an
     * integer column that held the ordinals of {@code @Enumerated(ORDINAL)} becoming a PostgreSQL enum, and back.
     * Only suggested, never written, where the model does not say which Java enum the column holds
     * ({@link #enumOrdinals}): the array must list the Java enum's constants in declaration order, which the schema
     * does not know (Hibernate's {@code NAMED_ENUM} type lists them sorted), and a wrong order would give rows the
     * wrong values without an error.
     */
    private String ordinals(String name, String from, String to) {
        if (TypeNames.isArray(from) || TypeNames.isArray(to)) {
            return null;
        }
        List<String> values = enums.desiredValues(to);
        if (values != null && ORDINALS.contains(from)) {
            return "(" + array(values, to) + ")[" + name + " + 1]";
        }
        values = enums.currentValues(from);
        if (values != null && ORDINALS.contains(to)) {
            return "array_position(" + array(values, from) + ", " + name + ") - 1";
        }
        return null;
    }

    /** {@code ARRAY['A', 'B']::mood[]}: the values of enum {@code type}, as an array of it. */
    private static String array(List<String> values, String type) {
        StringBuilder array = new StringBuilder("ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            array.append(i == 0 ? "" : ", ").append('\'').append(values.get(i).replace("'", "''")).append('\'');
        }
        return array.append("]::").append(type).append("[]").toString();
    }

    /**
     * The USING that turns the ordinals of the Java enum the column holds into its names, when the column goes from
     * integers to text ({@code @Enumerated(ORDINAL)} made {@code STRING}), or the names into the ordinals the other
     * way: {@code CASE status WHEN 0 THEN 'RED' ... ELSE status::text END}. Null unless the model and the database
     * both say which ordinals the column holds ({@link #ordinalConstants}): a plain integer made text keeps the type's
     * warning alone. Ordinal {@code i} is the {@code i}th constant as the model declares them now, which the warning
     * asks a reviewer to confirm. In the ALTER itself, not an UPDATE after it, the conversion rewrites the table once,
     * fires no trigger and reaches the rows a row security policy hides. A null stays null; a value the CASE does not
     * name goes through as it is, for the check on the names or the cast to the integers to refuse.
     */
    private String recoding(String column, String from, String to) {
        boolean toNames = TypeNames.numberToText(from, to);
        if (!toNames && !TypeNames.textToNumber(from, to) || TypeNames.isArray(from) || TypeNames.isArray(to)) {
            return null;
        }
        List<String> constants = ordinalConstants(column, from, to);
        if (constants == null) {
            return null;
        }
        String name = SqlText.quote(column);
        StringBuilder using = new StringBuilder("CASE ").append(name);
        for (int i = 0; i < constants.size(); i++) {
            String constant = "'" + constants.get(i).replace("'", "''") + "'";
            using.append(" WHEN ").append(toNames ? String.valueOf(i) : constant).append(" THEN ")
                    .append(toNames ? constant : String.valueOf(i));
        }
        return using.append(" ELSE ").append(name).append("::").append(toNames ? "text" : TypeNames.base(to))
                .append(" END").toString();
    }

    /**
     * The constants of the Java enum whose ordinals the column holds, or null. The model names the enum, and the
     * integer side, the table as it is before an integer column becomes text or an enum type and as it is after one
     * comes back, must have Hibernate's check on the ordinals of that many constants ({@link #checkedOrdinals}): an
     * integer column with no such check (a plain {@code Integer level} made an enum) holds no ordinals, and one whose
     * check counts another number of constants held the ordinals of an enum that has changed since, which no
     * position maps.
     */
    private List<String> ordinalConstants(String column, String from, String to) {
        List<String> constants = modelEnums.constants(table.name(), column);
        if (constants == null || constants.isEmpty()) {
            return null;
        }
        return checkedOrdinals(column, from, to) == constants.size() ? constants : null;
    }

    /**
     * How many ordinals Hibernate's check on the column's integer side allows, {@code N + 1} for {@code (c >= 0) AND
     * (c <= N)} (as PostgreSQL shows both Hibernate's {@code c between 0 and N} and its {@code c >= 0 and c <= N}),
     * or 0 when the integer side has no such check, or when neither side is integers.
     */
    private int checkedOrdinals(String column, String from, String to) {
        Table side = ORDINALS.contains(from) ? table.before() : ORDINALS.contains(to) ? table.after() : null;
        if (side == null) {
            return 0;
        }
        String name = Pattern.quote(SqlText.quote(column));
        Pattern check = Pattern.compile("\\(*\\s*" + name + "\\s*>=\\s*0\\s*\\)?\\s*AND\\s*\\(?\\s*" + name
                + "\\s*<=\\s*(\\d{1,9})\\s*\\)*", Pattern.CASE_INSENSITIVE);
        for (CheckDef constraint : side.checks()) {
            Matcher bounds = check.matcher(constraint.expression().trim());
            if (bounds.matches()) {
                return Integer.parseInt(bounds.group(1)) + 1;
            }
        }
        return 0;
    }

    /**
     * The warning on a column whose integer side has Hibernate's check on the ordinals of another number of constants
     * than the model's enum declares, or null: the rows' ordinals cannot be mapped by position.
     */
    private String changedConstants(String column, String from, String to) {
        List<String> constants = modelEnums.constants(table.name(), column);
        int checked = checkedOrdinals(column, from, to);
        if (constants == null || constants.isEmpty() || checked == 0 || checked == constants.size()) {
            return null;
        }
        return Descriptions.changedConstants(table.name(), column, checked, constants.size(), ORDINALS.contains(from));
    }

    /** The type's warning ({@link #typeWarning}) and that of the views and policies that read the column. */
    private String retypeWarning(String column, String from, String to) {
        return Descriptions.both(typeWarning(column, from, to), readers(column, false));
    }

    /**
     * The warning on the column's views and policies, which block retyping or dropping it, or null. They are the
     * database's: on the way up the side before, on the way back the side after; the model's side has none.
     */
    private String readers(String column, boolean dropped) {
        List<String> readers = table.before().readers().get(column);
        if (readers == null) {
            readers = table.after().readers().get(column);
        }
        return readers == null ? null : Descriptions.readers(table.name(), column, readers.stream()
                .filter(r -> droppedBefore.stream().noneMatch(d -> Descriptions.goesWith(r, d))).toList(), dropped);
    }

    /** What a person must read before the column's type changes from {@code from} to {@code to}, or null. */
    private String typeWarning(String column, String from, String to) {
        QualifiedName name = table.name();
        String label = name + "." + column;
        if (LargeObjects.using(column, from, to) != null) {
            return LargeObjects.warning(label, from, to);
        }
        if (!TypeNames.sameBase(from, to) && enumOrdinals(column, from, to) != null) {
            return Descriptions.enumOrdinals(name, column, from, to, modelEnums.constants(name, column),
                    ORDINALS.contains(from));
        }
        String changed = changedConstants(column, from, to);
        if (!TypeNames.sameBase(from, to) && !PostgresCasts.exists(from, to, enums)) {
            String ordinals = ordinals(SqlText.quote(column), from, to);
            String example = ordinals == null ? PostgresCasts.conversion(column, from, to)
                    : "if it holds an enum's ordinals, " + ordinals + " with the Java enum's constants in declaration"
                            + " order, which the type need not keep (Hibernate lists them sorted)";
            return Descriptions.both(changed, PostgresCasts.warning(label, from, to, example));
        }
        String zone = SessionTimeZone.warning(label, column, from, to);
        if (zone != null) {
            return zone;
        }
        String fit = AssignmentCasts.warning(label, from, to);
        // The model's enum converts the values in the USING, which its own warning describes.
        boolean recoded = recoding(column, from, to) != null;
        if (recoded) {
            return Descriptions.both(Descriptions.recodedEnum(name, column, to, ordinalConstants(column, from, to),
                    TypeNames.numberToText(from, to)), fit);
        }
        if (TypeNames.textToNumber(from, to)) {
            return Descriptions.both(changed, Descriptions.textBecomesNumbers(name, column, from, to));
        }
        if (TypeNames.numberToText(from, to)) {
            String digits = Descriptions.both(changed, Descriptions.numbersBecomeText(name, column, from, to));
            if (fit == null) {
                return digits;
            }
            String consequence = fit.substring(fit.indexOf(": ") + 2);
            return digits + " " + Character.toUpperCase(consequence.charAt(0)) + consequence.substring(1);
        }
        if (TypeNames.isArray(from) && TypeNames.isArray(to)
                && TypeNames.numberToText(TypeNames.element(from), TypeNames.element(to))) {
            return Descriptions.both(Descriptions.numberArrayBecomesText(name, column, from, to), fit);
        }
        if (TypeNames.isArray(from) && TypeNames.isArray(to)
                && TypeNames.textToNumber(TypeNames.element(from), TypeNames.element(to))) {
            return Descriptions.both(Descriptions.textArrayBecomesNumbers(name, column, from, to), fit);
        }
        if (fit == null && TypeNames.dropsPadding(from, to)) {
            return Descriptions.paddingDropped(name, column, from, to);
        }
        return fit;
    }

    private static String describe(String collation) {
        return collation == null ? "default" : collation;
    }

    private static String identity(Identity identity) {
        return identity == Identity.ALWAYS ? "always" : "by default";
    }
}
