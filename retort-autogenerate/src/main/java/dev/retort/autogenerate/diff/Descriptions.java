package dev.retort.autogenerate.diff;

import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.Deferral;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.IndexElement;
import dev.retort.operation.NullsOrder;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.TableConstraint;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The one-line descriptions and the warnings of a diff's changes, in one place so they read alike. */
final class Descriptions {
    private Descriptions() {
    }

    /**
     * The warning on a column retyped or dropped ({@code dropped}) that views, materialized views, rules, policies,
     * triggers, functions or foreign keys of the database use ({@link dev.retort.schema.Table#readers()}), or null
     * when none does: PostgreSQL refuses both, so the migration fails at upgrade unless it drops them first and
     * creates them again after. PostgreSQL carries a foreign key over to the new type, so a retype leaves them out.
     * The table's triggers that may use a dropped column, as their functions may, are named after, as ones to check.
     */
    static String readers(QualifiedName table, String column, List<String> readers, boolean dropped) {
        if (readers == null) {
            return null;
        }
        List<String> using = readers.stream().filter(r -> !r.endsWith(Table.MAY_USE))
                .filter(r -> dropped || !r.startsWith("foreign key ")).toList();
        List<String> mayUse = !dropped ? List.of() : readers.stream().filter(r -> r.endsWith(Table.MAY_USE))
                .map(r -> r.substring(0, r.length() - Table.MAY_USE.length())).toList();
        return both(using(table, column, using, dropped), mayUse(table, column, mayUse));
    }

    /** The warning on the objects that use a retyped or dropped column, or null for none. */
    private static String using(QualifiedName table, String column, List<String> readers, boolean dropped) {
        if (readers.isEmpty()) {
            return null;
        }
        String them = readers.size() == 1 ? "it" : "them";
        // Views and policies alone keep the words of the first warning of this kind.
        String blockers = readers.stream().allMatch(Descriptions::viewOrPolicy) ? "a view or policy reads"
                : "other objects use";
        return listed(readers) + " read" + (readers.size() == 1 ? "s " : " ") + table + "." + column + ": "
                + (dropped ? "PostgreSQL drops no column " + blockers + " (\"other objects depend on it\"), "
                        : "PostgreSQL does not retype a column " + blockers + ", ")
                + "so this step fails; drop " + them + " before it and create " + them + " again after"
                + (dropped ? " without the column" : "") + ", in this migration (op.execute with the definition: "
                + definitions(readers) + ").";
    }

    /** The warning on the triggers of a table whose column is dropped, whose functions may use it, or null. */
    private static String mayUse(QualifiedName table, String column, List<String> triggers) {
        if (triggers.isEmpty()) {
            return null;
        }
        String them = triggers.size() == 1 ? "its function" : "their functions";
        return listed(triggers) + " may use " + table + "." + column + ": a trigger function that reads NEW." + column
                + " or OLD." + column + " fails on each row once the column is gone; check " + them
                + " (pg_get_functiondef) and, if need be, change " + (triggers.size() == 1 ? "it" : "them")
                + " in this migration (op.execute).";
    }

    /** The first of {@code readers}, and the others in parentheses. */
    private static String listed(List<String> readers) {
        return readers.get(0) + (readers.size() == 1 ? "" : " (and "
                + String.join(", ", readers.subList(1, readers.size())) + ")");
    }

    /** Whether {@code reader} is a view, a materialized view, a policy or a rule. */
    static boolean viewOrPolicy(String reader) {
        return reader.startsWith("view ") || reader.startsWith("materialized view ") || reader.startsWith("policy ")
                || reader.startsWith("rule ");
    }

    /** Where to read the definitions of {@code readers} from, to create them again. */
    private static String definitions(List<String> readers) {
        List<String> where = new ArrayList<>();
        if (readers.stream().anyMatch(Descriptions::viewOrPolicy)) {
            where.add("pg_get_viewdef for a view, pg_policies for a policy");
        }
        if (readers.stream().anyMatch(r -> r.startsWith("trigger "))) {
            where.add("pg_get_triggerdef for a trigger");
        }
        if (readers.stream().anyMatch(r -> r.startsWith("function ") || r.startsWith("procedure "))) {
            where.add("pg_get_functiondef for a function");
        }
        if (readers.stream().anyMatch(r -> r.startsWith("foreign key "))) {
            where.add("pg_get_constraintdef for a foreign key");
        }
        return String.join(", ", where);
    }

    /** Whether {@code reader} is a policy or a trigger of {@code table}, which goes with the table. */
    static boolean goesWith(String reader, QualifiedName table) {
        return (reader.startsWith("policy ") || reader.startsWith("trigger "))
                && (reader.endsWith(" on " + table) || reader.endsWith(" on " + table + Table.MAY_USE));
    }

    /**
     * The warning on a table the downgrade creates again, or null: of its policies, triggers and grants ({@link
     * dev.retort.schema.TableSettings#attached()}), those the database gave no statement for (a trigger an extension
     * owns or a disabled one), and the views, materialized views, rules and policies of other tables that read it
     * ({@code readers}), went with it, and a diff of tables writes none of them again. Its row-level security
     * comes back with it: with no policy, it lets no row through, which fails safe.
     */
    static String notRestored(Table table, List<String> readers) {
        List<String> attached = table.settings().attached().stream()
                .filter(a -> !table.settings().definitions().containsKey(a)).toList();
        if (attached.isEmpty() && readers.isEmpty()) {
            return null;
        }
        List<String> missing = new ArrayList<>(attached.stream().map(a -> "its " + a).toList());
        missing.addAll(readers.stream().map(r -> r + ", which reads it").toList());
        boolean policies = attached.stream().anyMatch(a -> a.startsWith("policy "));
        boolean force = table.settings().forceRowSecurity();
        String rowSecurity = !policies || !table.settings().rowSecurity() ? ""
                : " Until the policies are back, its row-level security, enabled" + (force ? " and forced" : "")
                        + " as it was, lets no row through" + (force ? ", not even to its owner."
                                : " to any role but its owner.");
        return "table " + table.name() + " is created again without " + list(missing) + ": create them again after "
                + "it, in this downgrade (op.execute with the definitions of the migrations that made them, or "
                + "pg_get_triggerdef and pg_get_viewdef of the database before the upgrade)." + rowSecurity;
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String list(List<String> items) {
        return items.size() == 1 ? items.get(0) : String.join(", ", items.subList(0, items.size() - 1)) + " and "
                + items.get(items.size() - 1);
    }

    /** Two warnings as one, either of them null for none. */
    static String both(String warning, String other) {
        return warning == null ? other : other == null ? warning : warning + " " + other;
    }

    static String declinedTableRename(QualifiedName dropped, QualifiedName added) {
        return dropped + " disappears and " + added + " (same columns) appears: if this is a rename, answer yes at "
                + "the prompt or pass --rename " + dropped + "=" + added + "; as written, the table and its data "
                + "are dropped.";
    }

    /**
     * The downgrade's warning on a table the upgrade created in place of one it dropped ({@link #declinedTableRename},
     * {@link #blockedMove}): the upgrade's would tell a reader of the downgrade to rename the other way.
     */
    static String droppedBack(QualifiedName dropped, QualifiedName added) {
        String instead = Objects.equals(dropped.schema(), added.schema()) ? "renaming" : "moving";
        return added + " is dropped with its data and " + dropped + " is created again, empty: the upgrade drops "
                + dropped + " and creates " + added + " rather than " + instead + " it (see the upgrade's warning).";
    }

    /** The downgrade's warning on a column the upgrade added in place of one it dropped. */
    static String droppedBack(QualifiedName table, ColumnDef dropped, ColumnDef added) {
        String from = table + "." + dropped.name();
        String to = table + "." + added.name();
        return to + " is dropped with its data and " + from + " is added again, empty: the upgrade drops " + from
                + " and adds " + to + " rather than renaming it (see the upgrade's warning).";
    }

    /**
     * The warning on a table dropped while one of the same columns appears in another schema it cannot move to, or
     * under a name in its schema it cannot be renamed to.
     */
    static String blockedMove(QualifiedName dropped, QualifiedName added) {
        if (Objects.equals(dropped.schema(), added.schema())) {
            return dropped + " disappears and " + added + " (same columns) appears, but cannot be renamed to it in one "
                    + "revision: an index or key of schema " + schema(added) + " has the name " + added.name()
                    + " until later in the revision, or the model gives one the name " + dropped.name() + ", where "
                    + "the downgrade renames it back. As written, the table and its data are dropped; to keep them, "
                    + "rename the clashing index or key, or the table, in a revision of its own first.";
        }
        return dropped + " disappears and " + added + " (same columns) appears, but cannot be moved there in one "
                + "revision: a name it takes along is taken in schema " + schema(added) + ", or one the model gives "
                + "it in schema " + schema(dropped) + ", where the downgrade moves it back. As written, the table and "
                + "its data are dropped; to keep them, rename the clashing object, or move the table, in a revision "
                + "of its own first.";
    }

    static String declinedColumnRename(QualifiedName table, ColumnDef dropped, ColumnDef added) {
        String from = table + "." + dropped.name();
        String to = table + "." + added.name();
        String likeness = dropped.type().equals(added.type()) ? "same type" : "similar type";
        return from + " disappears and " + to + " (" + likeness + ") appears: if this is a rename, answer yes at "
                + "the prompt or pass --rename " + from + "=" + to + "; as written, the column and its data are "
                + "dropped.";
    }

    /**
     * The warning on a sequence dropped while another is created: if the new one takes over, it hands out again
     * the values the old one gave, and the table it numbers then rejects new rows as duplicates.
     */
    static String droppedSequence(QualifiedName dropped, QualifiedName created, Long start) {
        return "sequence " + dropped + " disappears and " + created + " appears: if " + created + " takes over from "
                + dropped + ", it starts again at " + start + " and hands out values " + dropped + " already gave; "
                + "then rename the sequence instead (ALTER SEQUENCE " + SqlText.quote(dropped) + " RENAME TO "
                + SqlText.quote(created.name()) + ") in place of this drop and the create.";
    }

    /**
     * The warning on a sequence dropped while none is created: what it has handed out is lost, and the downgrade makes
     * it again at its start, from where it hands out those values again to whatever still draws from it.
     */
    static String droppedSequence(QualifiedName dropped, Long start) {
        return "sequence " + dropped + " is dropped, and with it the last value it handed out; the downgrade makes it "
                + "again at its start, " + start + ", and it hands out again the values it already gave. Whatever "
                + "still draws from it (a query of the application, a function's dynamic SQL) fails from this "
                + "migration on: declare the sequence in the model to keep it.";
    }

    /**
     * The warning on a sequence dropped while none is created, whose columns become identities that start past its
     * last value ({@link FormerSequences}): the downgrade makes it again past the ids they handed out, but what else
     * draws from it fails from this migration on.
     */
    static String droppedSequenceMadeAgainPast(QualifiedName dropped) {
        return "sequence " + dropped + " is dropped: the identities that number its columns from now on start past "
                + "its last value, and the downgrade makes it again past the ids they handed out. Whatever else still "
                + "draws from it (a query of the application, a function's dynamic SQL) fails from this migration on: "
                + "declare the sequence in the model to keep it.";
    }

    /**
     * The warning on a renamed table whose sequence, named after it, keeps its name because {@code clash}: the
     * model's sequence of the new name numbers the rows from now on, with values the old one may have given.
     */
    static String sequenceKeepsItsName(QualifiedName sequence, QualifiedName renamed, QualifiedName table,
            String clash) {
        return "sequence " + sequence + " is not renamed to " + renamed.name() + " with table " + table + ": " + clash
                + ". As written, " + renamed + " numbers the rows from now on and may hand out ids the table holds "
                + "already; to keep " + sequence + "'s value, free that name in a revision of its own first, or move "
                + renamed + " past the ids after this one (SELECT setval(...)).";
    }

    /**
     * The warning on {@code successor} (an identity, a sequence), which numbers {@code column} from now on, moved past
     * the last value of {@code sequence}, which numbered the column before and stays, as {@code functions} name it:
     * a function that draws from it hands out the ids {@code successor} hands out too.
     */
    static String keptFormerSequence(QualifiedName sequence, String functions, String successor, String column) {
        String named = (functions.contains(", ") ? "functions " : "function ") + functions
                + (functions.contains(", ") ? " name" : " names");
        return "sequence " + sequence + " stays, as " + named + " it, though it numbers " + column + " no longer: if "
                + "the function calls nextval on it, it and " + successor + " hand out overlapping numbers. Make the "
                + "function take its numbers from " + successor + ", or drop the sequence once nothing uses it.";
    }

    /** The warning on dropping an identity, whose sequence goes with it, and whatever takes over starts afresh. */
    static String droppedIdentity(QualifiedName table, String column) {
        return table + "." + column + " keeps its values but stops numbering new rows: the sequence of its identity "
                + "is dropped with it. A sequence that numbers the rows from now on (Hibernate's " + table.name()
                + "_seq, say) must first move past them: SELECT setval('SEQUENCE', max(" + SqlText.quote(column)
                + ")) FROM " + SqlText.quote(table) + ".";
    }

    /**
     * The warning on a virtual generated column that becomes an ordinary one: PostgreSQL cannot drop a virtual
     * column's expression as it can a stored one's, so the column is dropped and comes back empty.
     */
    /**
     * The warning on a generated column dropped and added again: its values come back, computed, but what the
     * database keeps with the column and the model does not describe is gone.
     */
    static String recreatedColumn(QualifiedName table, String column) {
        return table + "." + column + " is dropped and added again, and what was granted on the column alone (GRANT "
                + "SELECT (" + column + ") ON " + table + " TO ...) goes with it: autogenerate compares no grants, so "
                + "add the GRANT after this step if the database has one.";
    }

    static String virtualBecomesOrdinary(QualifiedName table, String column) {
        String label = table + "." + column;
        return label + " is a virtual generated column and becomes an ordinary one, which PostgreSQL does only by "
                + "dropping it: it comes back empty (or with its default). To keep its values, add the new column "
                + "under another name first, copy them with op.execute(\"UPDATE ...\"), then drop " + column
                + " and rename the new one.";
    }

    /**
     * The warning on a {@code character(n)} column that becomes {@code varchar} or {@code text} ({@link
     * TypeNames#dropsPadding}): PostgreSQL already compares and measures its values without their padding, but what
     * the application reads loses the blanks, a value of blanks alone becoming empty.
     */
    static String paddingDropped(QualifiedName table, String column, String from, String to) {
        return table + "." + column + " changes from " + from + " to " + to + ": the cast drops the blanks that pad "
                + "each value ('ab   ' becomes 'ab', ' ' becomes ''). PostgreSQL compared the values without them "
                + "already, but the application reads them without the blanks from now on"
                + (TypeNames.isArray(from) ? "." : "; to keep the padding, write USING rpad(" + SqlText.quote(column)
                        + ", n) with the old length.");
    }

    /** The warning on a column whose integers become text: an enum's ordinals become digits, not names. */
    static String numbersBecomeText(QualifiedName table, String column, String from, String to) {
        String label = table + "." + column;
        return label + " changes from " + from + " to " + to + ", and each number becomes its digits ('0', '1', ...). "
                + "If it holds an enum's ordinals (@Enumerated(ORDINAL) now STRING), turn them into the names after "
                + "this step and before a check constraint on the names is added, e.g. UPDATE " + SqlText.quote(table)
                + " SET " + SqlText.quote(column) + " = CASE " + SqlText.quote(column)
                + " WHEN '0' THEN '...' WHEN '1' THEN '...' END; otherwise the migration fails on that check, or keeps "
                + "the digits.";
    }

    /**
     * The warning on a column whose text becomes integers, the reverse of {@link #numbersBecomeText}: an enum's names
     * make the cast fail, as only digits convert.
     */
    static String textBecomesNumbers(QualifiedName table, String column, String from, String to) {
        String label = table + "." + column;
        return label + " changes from " + from + " to " + to + ", and a value that is not a number's digits (an "
                + "enum's name, 'GREEN') makes the migration fail. If it holds an enum's names (@Enumerated(STRING) "
                + "back to ORDINAL), turn them into the ordinals before this step and after a check constraint on the "
                + "names is dropped, e.g. UPDATE " + SqlText.quote(table) + " SET " + SqlText.quote(column) + " = CASE "
                + SqlText.quote(column) + " WHEN '...' THEN '0' WHEN '...' THEN '1' END.";
    }

    /**
     * The warning on a column whose USING turns an enum's ordinals into its names ({@code toNames}) or back, with the
     * constants the model declares: right only while they keep the order the rows' ordinals were written in.
     */
    static String recodedEnum(QualifiedName table, String column, String to, List<String> constants,
            boolean toNames) {
        String label = table + "." + column;
        String first = constants.get(0).replace("'", "''");
        String example = toNames ? "0 becomes '" + first + "'" : "'" + first + "' becomes 0";
        if (constants.size() > 1) {
            String second = constants.get(1).replace("'", "''");
            example += toNames ? ", 1 '" + second + "'" : ", '" + second + "' 1";
        }
        return label + " holds an enum " + (toNames ? "stored by its ordinals, now by its names (@Enumerated(ORDINAL) "
                + "now STRING), as Hibernate's check on it (0 to " + (constants.size() - 1) + ") shows: the "
                + "USING turns each ordinal into the name of the constant"
                : "stored by its names, now by its ordinals (@Enumerated(STRING) now ORDINAL): the USING turns each "
                        + "name into the ordinal of the constant")
                + " in the order the model declares them (" + example + (constants.size() > 2 ? ", ..." : "") + "). "
                + (toNames ? "It assumes that order has not changed since the rows were written: review it. A value "
                        + "that is no ordinal of the enum keeps its digits, for the check on the names to refuse."
                        : "It assumes that the code that reads the ordinals declares them in that order: review it. A "
                                + "value that is no name of the enum fails the cast to " + to + ", and the migration "
                                + "with it, changing nothing.");
    }

    /**
     * The warning on a column whose rows hold the ordinals of an enum ({@code toNames}: before it becomes text or an
     * enum type; else after it comes back) that Hibernate's check says had {@code checked} constants, where the
     * model's enum declares {@code declared}: a constant was added or removed, so no position maps the ordinals, and
     * the migration converts none.
     */
    static String changedConstants(QualifiedName table, String column, int checked, int declared, boolean toNames) {
        String label = table + "." + column;
        return label + (toNames ? " holds" : " held") + " the ordinals of an enum whose constants have changed: "
                + "Hibernate's check on it allows " + checked + " (0 to " + (checked - 1) + "), the model's enum "
                + "declares " + declared + " now, so the ordinals cannot be mapped to the constants by their position "
                + "and Retort converts no row. Write the mapping of the old ordinals to the constants yourself.";
    }

    /**
     * The warning on an array of integers that becomes an array of text, whose elements Retort does not convert:
     * an enum's ordinals stay digits.
     */
    static String numberArrayBecomesText(QualifiedName table, String column, String from, String to) {
        String name = SqlText.quote(column);
        return table + "." + column + " changes from " + from + " to " + to + ", and each element becomes its digits "
                + "('0', '1', ...); no check refuses them. If it holds an enum's ordinals (@Enumerated(ORDINAL) now "
                + "STRING), turn them into the names after this step, e.g. UPDATE " + SqlText.quote(table) + " SET "
                + name + " = array_replace(array_replace(" + name + ", '0', '...'), '1', '...'); otherwise the "
                + "application reads the digits as names.";
    }

    /** The reverse of {@link #numberArrayBecomesText}: an element that is an enum's name makes the cast fail. */
    static String textArrayBecomesNumbers(QualifiedName table, String column, String from, String to) {
        String name = SqlText.quote(column);
        return table + "." + column + " changes from " + from + " to " + to + ", and an element that is not a number's "
                + "digits (an enum's name, 'GREEN') makes the migration fail. If it holds an enum's names "
                + "(@Enumerated(STRING) back to ORDINAL), turn them into the ordinals before this step, e.g. UPDATE "
                + SqlText.quote(table) + " SET " + name + " = array_replace(array_replace(" + name + ", '...', '0'), "
                + "'...', '1').";
    }

    /**
     * The warning on a column whose USING turns an enum's ordinals into the values of PostgreSQL enum type {@code to}
     * ({@code toType}), or the values of {@code from} back into the ordinals, with the constants the model declares:
     * right only while they keep the order the rows' ordinals were written in.
     */
    static String enumOrdinals(QualifiedName table, String column, String from, String to, List<String> constants,
            boolean toType) {
        String label = table + "." + column;
        String type = toType ? to : from;
        String first = constants.get(0).replace("'", "''");
        String example = toType ? "0 becomes '" + first + "'" : "'" + first + "' becomes 0";
        if (constants.size() > 1) {
            String second = constants.get(1).replace("'", "''");
            example += toType ? ", 1 '" + second + "'" : ", '" + second + "' 1";
        }
        return label + " holds an enum " + (toType ? "stored by its ordinals, now as enum type " + type
                + " (@Enumerated(ORDINAL) now @JdbcTypeCode(SqlTypes.NAMED_ENUM)): the USING turns each ordinal into "
                + "the value of the constant" : "stored as enum type " + type + ", now by its ordinals "
                        + "(@JdbcTypeCode(SqlTypes.NAMED_ENUM) now @Enumerated(ORDINAL)): the USING turns each value "
                        + "into the ordinal of the constant")
                + " in the order the model declares them, not the type's (" + example
                + (constants.size() > 2 ? ", ..." : "") + "). "
                + (toType ? "It assumes that order has not changed since the rows were written: review it. An "
                        + "ordinal with no constant fails the cast to " + to + ", and the migration with it, changing "
                        + "nothing."
                        : "It assumes that the code that reads the ordinals declares them in that order: review it. A "
                                + "value that is no constant of the enum fails the cast to " + to + ", and the "
                                + "migration with it, changing nothing.");
    }

    static String column(ColumnDef column) {
        StringBuilder text = new StringBuilder(column.name()).append(' ').append(column.type());
        if (column.generatedExpression() != null) {
            text.append(" generated as (").append(column.generatedExpression()).append(')');
            if (column.virtual()) {
                text.append(" virtual");
            }
        }
        // What decides whether the step runs on a table with rows: a NOT NULL column needs a default.
        if (!column.nullable()) {
            text.append(" not null");
        }
        if (column.defaultExpression() != null) {
            text.append(" default ").append(column.defaultExpression());
        }
        return text.toString();
    }

    static String values(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    static String constraint(QualifiedName table, TableConstraint constraint) {
        String name = constraint.name() == null ? "" : constraint.name() + " ";
        if (constraint instanceof PrimaryKeyDef pk) {
            return "primary key " + name + "on " + table + columns(pk.columns()) + include(pk.include());
        }
        if (constraint instanceof UniqueDef unique) {
            return "unique constraint " + name + "on " + table + columns(unique.columns())
                    + (unique.nullsNotDistinct() ? " nulls not distinct" : "") + include(unique.include())
                    + deferral(unique.deferral());
        }
        if (constraint instanceof ForeignKeyDef fk) {
            // A key whose only change is an action or its deferral is dropped and added: the lines must differ.
            return "foreign key " + name + "on " + table + columns(fk.columns()) + " -> " + fk.referencedTable()
                    + (fk.referencedColumns().isEmpty() ? "" : columns(fk.referencedColumns()))
                    + (fk.match() == ForeignKeyMatch.FULL ? " match full" : "")
                    + action("delete", fk.onDelete())
                    + (fk.onDeleteColumns().isEmpty() ? "" : columns(fk.onDeleteColumns()))
                    + action("update", fk.onUpdate()) + deferral(fk.deferral());
        }
        if (constraint instanceof ExcludeDef exclusion) {
            return "exclusion constraint " + name + "on " + table + " (" + exclusion.definition() + ")"
                    + deferral(exclusion.deferral());
        }
        CheckDef check = (CheckDef) constraint;
        return "check constraint " + name + "on " + table + " (" + check.expression() + ")";
    }

    /**
     * An index with all that makes it differ from another of its name: an index that only changes its method, an
     * operator class, the sort order, the included columns or how it treats nulls is dropped and created again, and the
     * two lines must not read the same.
     */
    static String index(QualifiedName table, Index index) {
        String elements = index.elements().stream()
                .map(Descriptions::indexElement)
                .collect(Collectors.joining(", ", " (", ")"));
        boolean plainMethod = index.method() == null || index.method().equals("btree");
        return (index.unique() ? "unique index " : "index ") + index.name() + " on " + table
                + (plainMethod ? "" : " using " + index.method()) + elements
                + include(index.include())
                + (index.nullsNotDistinct() ? " nulls not distinct" : "")
                + (index.storage().isEmpty() ? "" : " with (" + storage(index.storage()) + ")")
                + (index.predicate() == null ? "" : " where " + index.predicate());
    }

    /** An identity's options as {@code start with 1000, increment by 10}; {@code defaults} for none. */
    static String identityOptions(SequenceOptions options) {
        List<String> parts = new ArrayList<>();
        if (options.start() != null) {
            parts.add("start with " + options.start());
        }
        if (options.increment() != null) {
            parts.add("increment by " + options.increment());
        }
        if (options.minValue() != null) {
            parts.add("minvalue " + options.minValue());
        }
        if (options.maxValue() != null) {
            parts.add("maxvalue " + options.maxValue());
        }
        if (options.cache() != null) {
            parts.add("cache " + options.cache());
        }
        if (Boolean.TRUE.equals(options.cycle())) {
            parts.add("cycle");
        }
        return parts.isEmpty() ? "defaults" : String.join(", ", parts);
    }

    /** That a changed {@code START WITH} of an identity leaves the numbers it hands out next as they were. */
    static String identityStart(QualifiedName table, String column) {
        return "SET START WITH does not restart the identity of " + table + "." + column + ": it goes on from its last "
                + "value, and START WITH is where a later RESTART begins; to number from it now, add "
                + "ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART to the migration.";
    }

    /** Storage parameters as {@code deduplicate_items = off, fillfactor = 70}, sorted by name. */
    static String storage(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream().map(p -> p.getKey() + " = " + p.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String indexElement(IndexElement element) {
        StringBuilder text = new StringBuilder(element.column() != null ? element.column()
                : "(" + element.expression() + ")");
        if (element.collation() != null) {
            text.append(" collate ").append(element.collation());
        }
        if (element.operatorClass() != null) {
            text.append(' ').append(element.operatorClass());
        }
        if (element.descending()) {
            text.append(" desc");
        }
        if (element.nulls() != NullsOrder.DEFAULT) {
            text.append(element.nulls() == NullsOrder.FIRST ? " nulls first" : " nulls last");
        }
        return text.toString();
    }

    private static String action(String event, ForeignKeyAction action) {
        return action == ForeignKeyAction.NO_ACTION ? ""
                : " on " + event + " " + action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String deferral(Deferral deferral) {
        return switch (deferral == null ? Deferral.NOT_DEFERRABLE : deferral) {
            case NOT_DEFERRABLE -> "";
            case INITIALLY_IMMEDIATE -> " deferrable";
            case INITIALLY_DEFERRED -> " deferrable initially deferred";
        };
    }

    private static String columns(List<String> columns) {
        return " (" + String.join(", ", columns) + ")";
    }

    /** {@code include (a, b)}: a key or index that only changes the columns it stores is dropped and added. */
    private static String include(List<String> columns) {
        return columns.isEmpty() ? "" : " include" + columns(columns);
    }

    private static String schema(QualifiedName table) {
        return table.schema() == null ? "public" : table.schema();
    }
}
