package dev.retort.autogenerate.diff;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.Execute;
import dev.retort.operation.Identity;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hand-written statements of a diff, for changes no operation record expresses: moving a table to another
 * schema, renaming a type, a sequence, a constraint or an index, identity and generation changes, and a type
 * change with a collation.
 *
 * <p>Names are quoted the way the PostgreSQL dialect quotes them, so the text reads like the rest of the
 * rendered migration.
 */
final class SqlText {
    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static final String DROP_EXPRESSION = " DROP EXPRESSION";
    /** A default that numbers its column from a sequence, as the catalog shows it: group 1 the name's literal. */
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\(('(?:[^']|'')+')::regclass\\)");

    private SqlText() {
    }

    static String quote(String identifier) {
        return DIALECT.quote(identifier);
    }

    static String quote(QualifiedName name) {
        return DIALECT.quote(name);
    }

    /** The type name of enum {@code type} as the catalog prints it in a column's type. */
    static String typeName(QualifiedName type) {
        return quote(type);
    }

    static Execute renameType(QualifiedName type, String newName) {
        return new Execute("ALTER TYPE " + quote(type) + " RENAME TO " + quote(newName));
    }

    /** Moves a table, with its indexes, constraints and owned sequences, to another schema ({@code null}: public). */
    static Execute setSchema(QualifiedName table, String schema) {
        return new Execute("ALTER TABLE " + quote(table) + " SET SCHEMA " + quote(schema == null ? "public" : schema));
    }

    /** Renames a sequence; it stays in its schema, and keeps its value and the defaults that use it. */
    static Execute renameSequence(QualifiedName sequence, String newName) {
        return new Execute("ALTER SEQUENCE " + quote(sequence) + " RENAME TO " + quote(newName));
    }

    static Execute renameConstraint(QualifiedName table, String from, String to) {
        return new Execute("ALTER TABLE " + quote(table) + " RENAME CONSTRAINT " + quote(from) + " TO " + quote(to));
    }

    /** Checks the rows of {@code table} against a constraint added {@code NOT VALID}. */
    static Execute validateConstraint(QualifiedName table, String constraint) {
        return new Execute("ALTER TABLE " + quote(table) + " VALIDATE CONSTRAINT " + quote(constraint));
    }

    /** Makes {@code column} NOT NULL for new rows alone, by a constraint named {@code constraint} (PostgreSQL 18). */
    static Execute addNotNullNotValid(QualifiedName table, String constraint, String column) {
        return new Execute("ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(constraint) + " NOT NULL "
                + quote(column) + " NOT VALID");
    }

    /** Renames an index; it lives in its table's schema. */
    static Execute renameIndex(QualifiedName table, String from, String to) {
        return new Execute("ALTER INDEX " + quote(QualifiedName.of(table.schema(), from)) + " RENAME TO " + quote(to));
    }

    /** Sets storage parameters of an index to values given as SQL text ({@code fillfactor = 70}). */
    static Execute setStorage(QualifiedName index, Map<String, String> parameters) {
        return setStorage("INDEX", index, parameters);
    }

    /** Returns storage parameters of an index to the access method's defaults. */
    static Execute resetStorage(QualifiedName index, List<String> parameters) {
        return resetStorage("INDEX", index, parameters);
    }

    /** Sets storage parameters of a table to values given as SQL text ({@code fillfactor = 70}). */
    static Execute setTableStorage(QualifiedName table, Map<String, String> parameters) {
        return setStorage("TABLE", table, parameters);
    }

    /** Returns storage parameters of a table to PostgreSQL's defaults. */
    static Execute resetTableStorage(QualifiedName table, List<String> parameters) {
        return resetStorage("TABLE", table, parameters);
    }

    private static Execute setStorage(String kind, QualifiedName relation, Map<String, String> parameters) {
        return new Execute("ALTER " + kind + " " + quote(relation) + " SET " + parameters.entrySet().stream()
                .map(p -> p.getKey() + " = " + p.getValue()).collect(Collectors.joining(", ", "(", ")")));
    }

    private static Execute resetStorage(String kind, QualifiedName relation, List<String> parameters) {
        return new Execute("ALTER " + kind + " " + quote(relation) + " RESET (" + String.join(", ", parameters) + ")");
    }

    /** Makes {@code table} inherit from {@code parent} ({@code INHERIT}), or stop ({@code NO INHERIT}). */
    static Execute inheritance(QualifiedName table, QualifiedName parent, boolean inherit) {
        return new Execute("ALTER TABLE " + quote(table) + (inherit ? " INHERIT " : " NO INHERIT ") + quote(parent));
    }

    static Execute dropIdentity(QualifiedName table, String column) {
        return new Execute(alterColumn(table, column) + " DROP IDENTITY");
    }

    static Execute addIdentity(QualifiedName table, String column, Identity identity, SequenceOptions options) {
        List<String> settings = identitySettings(SequenceOptions.UNSPECIFIED, options, null);
        return new Execute(alterColumn(table, column) + " ADD GENERATED " + generated(identity) + " AS IDENTITY"
                + (settings.isEmpty() ? "" : " (" + String.join(" ", settings) + ")"));
    }

    /**
     * Changes the options of an identity's sequence from {@code from} to {@code to} ({@code SET INCREMENT BY 10 SET
     * START WITH 1000}), an option {@code to} leaves out back to PostgreSQL's default. The sequence goes on from its
     * last value: {@code START WITH} is where a later {@code RESTART} begins.
     */
    static Execute setIdentityOptions(QualifiedName table, String column, SequenceOptions from, SequenceOptions to) {
        return new Execute(alterColumn(table, column) + " SET " + String.join(" SET ", identitySettings(from, to,
                from)));
    }

    /**
     * The settings of {@code to} that differ from {@code from}, as {@code INCREMENT BY 10}, {@code START WITH 1000}.
     * When altering ({@code altered} not null), one that {@code to} leaves out is set back to its default, and the
     * bounds are given again when the sequence changes direction, since PostgreSQL keeps them otherwise.
     */
    private static List<String> identitySettings(SequenceOptions from, SequenceOptions to, SequenceOptions altered) {
        List<String> settings = new ArrayList<>();
        long increment = to.increment() == null ? 1 : to.increment();
        boolean turns = altered != null && (increment > 0) != ((from.increment() == null ? 1 : from.increment()) > 0);
        if (!Objects.equals(from.increment(), to.increment())) {
            settings.add("INCREMENT BY " + increment);
        }
        if (turns || !Objects.equals(from.minValue(), to.minValue())) {
            settings.add(to.minValue() == null ? "NO MINVALUE" : "MINVALUE " + to.minValue());
        }
        if (turns || !Objects.equals(from.maxValue(), to.maxValue())) {
            settings.add(to.maxValue() == null ? "NO MAXVALUE" : "MAXVALUE " + to.maxValue());
        }
        if (!Objects.equals(from.start(), to.start()) && (to.start() != null || altered != null)) {
            // Left out, a sequence starts at the end it counts from.
            long start = to.start() != null ? to.start()
                    : increment > 0 ? (to.minValue() == null ? 1 : to.minValue())
                    : (to.maxValue() == null ? -1 : to.maxValue());
            settings.add("START WITH " + start);
        }
        if (!Objects.equals(from.cache(), to.cache())) {
            settings.add("CACHE " + (to.cache() == null ? 1 : to.cache()));
        }
        if (!Objects.equals(from.cycle(), to.cycle())) {
            settings.add(Boolean.TRUE.equals(to.cycle()) ? "CYCLE" : "NO CYCLE");
        }
        return settings;
    }

    /**
     * Moves an identity column's sequence past the largest value the column holds, so that the first row inserted
     * after the column became an identity does not collide with the rows already there; and past the last value of
     * the sequence that numbered it before ({@code oldDefault}, its {@code nextval('users_id_seq'::regclass)}; null
     * when none did), so that the ids of rows deleted since are not handed out again. On an empty table {@code max} is
     * null and {@code setval}, being strict, leaves the sequence alone unless the old one had handed out values.
     *
     * @param formerSequence the sequence that numbered the column while no default named it (Hibernate's {@code
     *     users_seq}, see {@link FormerSequences}), or null. Its last value is the largest id it handed out, even
     *     under Hibernate's pooled optimizer, whose value {@code n} hands out {@code n - 49} to {@code n}. It must
     *     still exist when this runs; {@code to_regclass} makes one that does not count for nothing.
     * @param largest the most the column holds, null for no bound: a last value of {@code formerSequence} past it
     *     counts for nothing, as the sequence handed it out to another table ({@code hibernate_sequence})
     * @param options the identity's options: with any ({@code START WITH 500}, {@code MINVALUE 100}), the sequence
     *     is only moved forward, to hand out next the value after the largest, and left at its start when that is
     *     further; {@code setval} to a smaller value would number backwards or fail below the minimum
     */
    static Execute restartIdentityAfterRows(QualifiedName table, String column, String oldDefault,
            QualifiedName formerSequence, Long largest, SequenceOptions options) {
        Matcher numbered = NEXTVAL.matcher(oldDefault == null ? "" : oldDefault.strip());
        String past = "max(" + quote(column) + ")";
        if (!numbered.matches() && formerSequence != null) {
            past = "greatest(" + past + ", " + lastValueUpTo("to_regclass(" + literal(quote(formerSequence)) + ")",
                    largest) + ")";
        } else if (numbered.matches()) {
            // pg_sequence_last_value is null for a sequence that handed out nothing, and greatest passes over nulls.
            // An owned sequence moves with its table (SET SCHEMA earlier in the migration): looked for there too.
            String old = "to_regclass(" + numbered.group(1) + ")";
            QualifiedName where = QualifiedName.of(table.schema(), lastName(numbered.group(1)));
            String moved = "to_regclass(" + literal(quote(where)) + ")";
            past = "greatest(" + past + ", pg_sequence_last_value(" + (moved.equals(old) ? old
                    : "coalesce(" + old + ", " + moved + ")") + "))";
        }
        String sequence = "pg_get_serial_sequence(" + literal(quote(table)) + ", " + literal(column) + ")";
        if (!options.isEmpty()) {
            return pastAllRows(table, column, "setval(" + sequence + ", p.past + s.seqincrement, false) FROM (SELECT "
                    + past + " AS past FROM " + quote(table) + ") p JOIN pg_sequence s ON s.seqrelid = " + sequence
                    + "::regclass WHERE p.past + s.seqincrement > s.seqstart");
        }
        return pastAllRows(table, column, "setval(" + sequence + ", " + past + ") FROM " + quote(table));
    }

    /** The last part of the name a string literal holds ({@code '"Meta"."Users_id_seq"'}), unquoted. */
    private static String lastName(String literal) {
        String text = literal.substring(1, literal.length() - 1).replace("''", "'");
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                start = i + 1;
            }
        }
        String last = text.substring(start);
        return last.startsWith("\"") ? last.substring(1, last.length() - 1).replace("\"\"", "\"") : last;
    }

    /**
     * Moves a sequence that takes over numbering a column from its identity past the largest value the column
     * holds: its next value is then that value plus its increment. With Hibernate's pooled optimizer (increment
     * 50) a value {@code n} hands out {@code n - 49} to {@code n}, so they, too, start just past the rows. On an
     * empty table, or when the sequence is already past the rows, it is left alone.
     */
    static Execute moveSequencePastRows(QualifiedName sequence, QualifiedName table, String column) {
        return moveSequencePastRows(sequence, table, column, List.of(), null);
    }

    /**
     * Like {@link #moveSequencePastRows(QualifiedName, QualifiedName, String)}, and past the last values of {@code
     * dropped}, sequences that may have numbered the column before and that the migration drops later: the ids of
     * rows deleted since are not handed out again. A sequence not called yet counts for nothing, and so does one past
     * {@code largest}, the most the column (or the sequence moved) holds, null for no bound: it cannot have numbered
     * the column, and the sequence moved past it would hand out only ids the column cannot hold.
     */
    static Execute moveSequencePastRows(QualifiedName sequence, QualifiedName table, String column,
            List<QualifiedName> dropped, Long largest) {
        String max = "max(" + quote(column) + ")";
        if (dropped.isEmpty()) {
            return moveSequencePast(sequence, table, column, max);
        }
        return moveSequencePast(sequence, table, column, "greatest(" + max + dropped.stream()
                .map(d -> ", " + lastValueUpTo(literal(quote(d)), largest)).collect(Collectors.joining()) + ")");
    }

    /**
     * The last value of the sequence {@code regclass} names, or null when it is past {@code largest} (null: no
     * bound).
     */
    private static String lastValueUpTo(String regclass, Long largest) {
        String lastValue = "pg_sequence_last_value(" + regclass + ")";
        return largest == null ? lastValue : "(SELECT v FROM " + lastValue + " v WHERE v <= " + largest + ")";
    }

    /**
     * Like {@link #moveSequencePastRows}, and past the last value the column's identity handed out, which {@link
     * #keepIdentityLastValue} kept under {@code setting} before the identity was dropped: the ids of rows deleted
     * since are not handed out again. Kept by none (the identity had handed out nothing), it counts for nothing.
     */
    static Execute moveSequencePastIdentity(QualifiedName sequence, QualifiedName table, String column,
            String setting) {
        return moveSequencePast(sequence, table, column, "greatest(max(" + quote(column) + "), nullif(current_setting("
                + literal(setting) + ", true), '')::bigint)");
    }

    private static Execute moveSequencePast(QualifiedName sequence, QualifiedName table, String column,
            String past) {
        return pastAllRows(table, column, "setval(" + literal(quote(sequence)) + ", " + past + ") FROM "
                + quote(table) + " HAVING " + past + " >= (SELECT last_value FROM " + quote(sequence) + ")");
    }

    /**
     * Keeps the last value that the identity of {@code table.column} handed out in {@code setting}, until the
     * migration's transaction ends, for {@link #moveSequencePastIdentity}: dropping the identity drops its sequence,
     * which must go before the one that takes over is made under the same name ({@code users_id_seq}).
     */
    static Execute keepIdentityLastValue(QualifiedName table, String column, String setting) {
        return new Execute("DO $retort$\nBEGIN\n    PERFORM set_config(" + literal(setting) + ", coalesce("
                + "pg_sequence_last_value(pg_get_serial_sequence(" + literal(quote(table)) + ", " + literal(column)
                + "))::text, ''), true);\nEND\n$retort$");
    }

    /**
     * Runs {@code setval}, a call that reads {@code table}'s largest {@code column}, in a block that first makes sure
     * it sees every row. Row-level security would hide rows from {@code max} (the migration's role is not the
     * table's owner, or is under {@code FORCE ROW LEVEL SECURITY}) and the sequence would stop below them: the next
     * insert would collide with a hidden row. {@code row_security_active} is the server's own test, the one that
     * makes {@code row_security = off} fail a query; the block asks it rather than set that, which would outlast
     * the statement (into the next migrations, when they share a transaction).
     */
    private static Execute pastAllRows(QualifiedName table, String column, String setval) {
        String name = quote(table).replace("%", "%%");
        String refusal = "row-level security applies to " + name + " for role %s and may hide rows, so the sequence of "
                + name + "." + quote(column).replace("%", "%%") + " cannot be moved past them. Run this migration as "
                + "the table's owner without FORCE ROW LEVEL SECURITY (ALTER TABLE " + name + " NO FORCE ROW LEVEL "
                + "SECURITY) or as a role with BYPASSRLS";
        return new Execute("DO $retort$\n-- Moves the sequence of " + quote(table) + "." + quote(column)
                + " past every row of the table, or stops where row-level security hides some.\nBEGIN\n"
                + "    IF row_security_active(" + literal(quote(table)) + ") THEN\n"
                + "        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format("
                + literal(refusal) + ", current_user);\n"
                + "    END IF;\n"
                + "    PERFORM " + setval + ";\n"
                + "END\n$retort$");
    }

    static Execute setIdentity(QualifiedName table, String column, Identity identity) {
        return new Execute(alterColumn(table, column) + " SET GENERATED " + generated(identity));
    }

    /** Enables row-level security on {@code table}, and holds its owner to the policies too when {@code force}. */
    static Execute enableRowSecurity(QualifiedName table, boolean force) {
        return new Execute("ALTER TABLE " + quote(table) + " ENABLE ROW LEVEL SECURITY"
                + (force ? ", FORCE ROW LEVEL SECURITY" : ""));
    }

    /** Turns a generated column into an ordinary one that keeps its values (PostgreSQL 13 and later). */
    static Execute dropExpression(QualifiedName table, String column) {
        return new Execute(alterColumn(table, column) + DROP_EXPRESSION);
    }

    /** Whether {@code operation} is a step {@link #dropExpression} wrote, which a target before 13 cannot run. */
    static boolean dropsExpression(Operation operation) {
        return operation instanceof Execute e && e.sql().endsWith(DROP_EXPRESSION);
    }

    /**
     * Sets a column's type and collation, which an {@code AlterColumn} cannot: PostgreSQL changes a collation
     * only together with the type.
     *
     * @param dropDefault drop the default first, in the same statement, when the old default cannot be converted
     * @param collation the new collation, or null for the database default
     * @param using the conversion of existing values, or null
     */
    static Execute alterTypeAndCollation(QualifiedName table, String column, boolean dropDefault, String type,
            String collation, String using) {
        String name = quote(column);
        return new Execute("ALTER TABLE " + quote(table) + " "
                + (dropDefault ? "ALTER COLUMN " + name + " DROP DEFAULT, " : "")
                + "ALTER COLUMN " + name + " TYPE " + type
                + " COLLATE " + (collation == null ? "\"default\"" : quote(collation))
                + (using == null ? "" : " USING " + using));
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String alterColumn(QualifiedName table, String column) {
        return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column);
    }

    private static String generated(Identity identity) {
        return switch (identity) {
            case ALWAYS -> "ALWAYS";
            case BY_DEFAULT -> "BY DEFAULT";
            case NONE -> throw new IllegalArgumentException("not an identity: " + identity);
        };
    }
}
