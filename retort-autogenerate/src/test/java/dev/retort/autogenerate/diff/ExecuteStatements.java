package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.SchemaInterpreter.refuse;
import static dev.retort.autogenerate.diff.SchemaInterpreter.requireColumn;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.Identity;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.schema.Cast;
import dev.retort.schema.Index;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs, in {@link SchemaInterpreter}, the hand-written statements the differ emits as {@code Execute}. */
final class ExecuteStatements {
    private static final String NAME = "(\"(?:[^\"]|\"\")*\"|[a-z_][a-z0-9_$]*)";
    private static final String QUALIFIED = "(" + NAME + "(?:\\." + NAME + ")?)";
    private static final String COLUMN = "ALTER TABLE " + QUALIFIED + " ALTER COLUMN " + NAME;

    private static final Pattern RENAME_TYPE = Pattern.compile("ALTER TYPE " + QUALIFIED + " RENAME TO " + NAME);
    private static final Pattern SET_SCHEMA = Pattern.compile("ALTER TABLE " + QUALIFIED + " SET SCHEMA " + NAME);
    private static final Pattern RENAME_SEQUENCE =
            Pattern.compile("ALTER SEQUENCE " + QUALIFIED + " RENAME TO " + NAME);
    private static final Pattern RENAME_CONSTRAINT =
            Pattern.compile("ALTER TABLE " + QUALIFIED + " RENAME CONSTRAINT " + NAME + " TO " + NAME);
    private static final Pattern RENAME_INDEX = Pattern.compile("ALTER INDEX " + QUALIFIED + " RENAME TO " + NAME);
    /**
     * Past the rows, and past the last value of the sequence that numbered the column before (group 4, or where it
     * moved with its table, group 5), if one did.
     */
    private static final Pattern RESTART_IDENTITY = Pattern.compile(
            "SELECT setval\\(pg_get_serial_sequence\\('((?:[^']|'')*)', '((?:[^']|'')*)'\\), (?:greatest\\()?max\\("
                    + NAME + "\\)(?:, pg_sequence_last_value\\((?:coalesce\\()?to_regclass\\('((?:[^']|'')*)'\\)"
                    + "(?:, to_regclass\\('((?:[^']|'')*)'\\)\\))?\\)\\))?\\) FROM " + QUALIFIED);
    /**
     * Past the rows, and past what an identity handed out (kept by KEEP_LAST_VALUE), if it did, or past the last values
     * of the sequences that may have numbered the column before ({@link #LAST_VALUE_OF}), each read as it is or only
     * up to what the column holds.
     */
    private static final String PAST = "(?:greatest\\()?max\\(" + NAME
            + "\\)(?:, nullif\\(current_setting\\('[a-z0-9_.]+', true\\), ''\\)::bigint\\)"
            + "|(?:, (?:pg_sequence_last_value\\('(?:[^']|'')*'\\)"
            + "|\\(SELECT v FROM pg_sequence_last_value\\('(?:[^']|'')*'\\) v WHERE v <= [0-9]+\\)))+\\))?";
    private static final Pattern LAST_VALUE_OF = Pattern.compile("pg_sequence_last_value\\('((?:[^']|'')*)'\\)");
    private static final Pattern MOVE_SEQUENCE = Pattern.compile("SELECT setval\\('((?:[^']|'')*)', " + PAST
            + "\\) FROM " + QUALIFIED + " HAVING " + PAST + " >= \\(SELECT last_value FROM " + QUALIFIED + "\\)");
    private static final Pattern KEEP_LAST_VALUE = Pattern.compile("DO \\$retort\\$\nBEGIN\n    PERFORM set_config\\("
            + "'[a-z0-9_.]+', coalesce\\(pg_sequence_last_value\\(pg_get_serial_sequence\\('((?:[^']|'')*)', "
            + "'((?:[^']|'')*)'\\)\\)::text, ''\\), true\\);\nEND\n\\$retort\\$");
    /** A query run where it sees every row, or not at all (SqlText#pastAllRows). */
    private static final Pattern ALL_ROWS = Pattern.compile("DO \\$retort\\$\n-- [^\n]*\nBEGIN\n"
            + "    IF row_security_active\\('((?:[^']|'')*)'\\) THEN\n.*\n    END IF;\n"
            + "    PERFORM (.+);\nEND\n\\$retort\\$", Pattern.DOTALL);
    private static final Pattern DROP_IDENTITY = Pattern.compile(COLUMN + " DROP IDENTITY");
    private static final Pattern ADD_IDENTITY =
            Pattern.compile(COLUMN + " ADD GENERATED (ALWAYS|BY DEFAULT) AS IDENTITY");
    private static final Pattern SET_IDENTITY = Pattern.compile(COLUMN + " SET GENERATED (ALWAYS|BY DEFAULT)");
    private static final Pattern DROP_EXPRESSION = Pattern.compile(COLUMN + " DROP EXPRESSION");
    private static final Pattern TYPE_COLLATE = Pattern.compile("ALTER TABLE " + QUALIFIED
            + " (ALTER COLUMN " + NAME + " DROP DEFAULT, )?ALTER COLUMN " + NAME + " TYPE (.+?) COLLATE " + NAME
            + "(?: USING (.+))?");

    private ExecuteStatements() {
    }

    static void run(SchemaInterpreter db, String sql) {
        Matcher m;
        if ((m = ALL_ROWS.matcher(sql)).matches()) {
            String query = "SELECT " + m.group(2);
            Matcher restart = RESTART_IDENTITY.matcher(query);
            Matcher move = MOVE_SEQUENCE.matcher(query);
            String read = restart.matches() ? restart.group(6) : move.matches() ? move.group(3) : null;
            if (read == null || !qualified(read).equals(qualified(m.group(1).replace("''", "'")))) {
                throw refuse("the block checks another table than it reads: " + sql);
            }
            sql = query;
        }
        if ((m = RENAME_TYPE.matcher(sql)).matches()) {
            renameType(db, qualified(m.group(1)), unquote(m.group(4)));
        } else if ((m = SET_SCHEMA.matcher(sql)).matches()) {
            String schema = unquote(m.group(4));
            TableWork.moveTable(db, db.requireTable(qualified(m.group(1))), "public".equals(schema) ? null : schema);
        } else if ((m = RENAME_SEQUENCE.matcher(sql)).matches()) {
            renameSequence(db, qualified(m.group(1)), unquote(m.group(4)));
        } else if ((m = RENAME_CONSTRAINT.matcher(sql)).matches()) {
            renameConstraint(db, db.requireTable(qualified(m.group(1))), unquote(m.group(4)), unquote(m.group(5)));
        } else if ((m = RENAME_INDEX.matcher(sql)).matches()) {
            renameIndex(db, qualified(m.group(1)), unquote(m.group(4)));
        } else if ((m = RESTART_IDENTITY.matcher(sql)).matches()) {
            // Moves a sequence, which the schema does not record; only the names must hold.
            QualifiedName table = qualified(m.group(6));
            String column = m.group(2).replace("''", "'");
            if (!qualified(m.group(1).replace("''", "'")).equals(table) || !unquote(m.group(3)).equals(column)) {
                throw refuse("setval names another column than it reads: " + sql);
            }
            if (m.group(4) != null && !db.sequences().containsKey(qualified(m.group(4).replace("''", "'")))
                    && (m.group(5) == null || !db.sequences().containsKey(qualified(m.group(5).replace("''", "'"))))) {
                throw refuse("the sequence that numbered the column, " + m.group(4) + ", is gone already");
            }
            if (requireColumn(db.requireTable(table), column).identity() == Identity.NONE) {
                throw refuse("column " + column + " of " + table + " has no identity sequence");
            }
        } else if ((m = MOVE_SEQUENCE.matcher(sql)).matches()) {
            // Moves a sequence past a column's values: the sequence and the column must exist.
            QualifiedName sequence = qualified(m.group(1).replace("''", "'"));
            if (!sequence.equals(qualified(m.group(7))) || !unquote(m.group(2)).equals(unquote(m.group(6)))) {
                throw refuse("setval names another sequence or column than it reads: " + sql);
            }
            if (!db.sequences().containsKey(sequence)) {
                throw refuse("sequence " + sequence + " does not exist");
            }
            Matcher read = LAST_VALUE_OF.matcher(sql);
            while (read.find()) {
                if (!db.sequences().containsKey(qualified(read.group(1).replace("''", "'")))) {
                    throw refuse("sequence " + read.group(1) + " is read after it is gone: " + sql);
                }
            }
            requireColumn(db.requireTable(qualified(m.group(3))), unquote(m.group(2)));
        } else if ((m = KEEP_LAST_VALUE.matcher(sql)).matches()) {
            // Reads an identity's sequence before the identity goes: the column must have one.
            QualifiedName table = qualified(m.group(1).replace("''", "'"));
            String column = m.group(2).replace("''", "'");
            if (requireColumn(db.requireTable(table), column).identity() == Identity.NONE) {
                throw refuse("column " + column + " of " + table + " has no identity sequence to read");
            }
        } else if ((m = DROP_IDENTITY.matcher(sql)).matches()) {
            ColumnDef column = column(db, m);
            if (column.identity() == Identity.NONE) {
                throw refuse("column " + column.name() + " is not an identity column");
            }
            put(db, m, column.identity(Identity.NONE));
        } else if ((m = ADD_IDENTITY.matcher(sql)).matches()) {
            ColumnDef column = column(db, m);
            if (column.nullable() || column.defaultExpression() != null || column.identity() != Identity.NONE
                    || column.generatedExpression() != null) {
                throw refuse("column " + column.name() + " must be NOT NULL, without default, identity or "
                        + "generation to become an identity column");
            }
            put(db, m, column.identity(identity(m.group(5))));
        } else if ((m = SET_IDENTITY.matcher(sql)).matches()) {
            ColumnDef column = column(db, m);
            if (column.identity() == Identity.NONE) {
                throw refuse("column " + column.name() + " is not an identity column");
            }
            put(db, m, column.identity(identity(m.group(5))));
        } else if ((m = DROP_EXPRESSION.matcher(sql)).matches()) {
            ColumnDef column = column(db, m);
            if (column.generatedExpression() == null) {
                throw refuse("column " + column.name() + " is not a stored generated column");
            }
            put(db, m, column.generatedAs(null));
        } else if ((m = TYPE_COLLATE.matcher(sql)).matches()) {
            InterpretedTable table = db.requireTable(qualified(m.group(1)));
            String name = unquote(m.group(6));
            if (m.group(4) != null && !unquote(m.group(5)).equals(name)) {
                throw refuse("the differ drops the default of the column it retypes");
            }
            ColumnDef column = requireColumn(table, name);
            String collation = unquote(m.group(8));
            ColumnDef retyped = ColumnWork.retype(db, table, column, m.group(7), m.group(9), m.group(4) != null);
            table.columns.put(name, retyped.collation("default".equals(collation) ? null : collation));
        } else {
            throw refuse("the interpreter does not know this statement: " + sql);
        }
    }

    private static void renameType(SchemaInterpreter db, QualifiedName type, String newName) {
        List<String> values = db.requireEnum(type);
        QualifiedName renamed = QualifiedName.of(type.schema(), newName);
        db.requireTypeNameFree(renamed);
        db.enums().remove(type);
        db.enums().put(renamed, values);
        String from = SchemaInterpreter.typeName(type);
        String to = SchemaInterpreter.typeName(renamed);
        for (InterpretedTable table : db.tables().values()) {
            table.columns.replaceAll((n, c) -> c.type().equals(from) ? retyped(c, to)
                    : c.type().equals(from + "[]") ? retyped(c, to + "[]") : c);
        }
        // A cast is kept by the type's oid, so it follows the rename.
        db.casts().replaceAll(c -> new Cast(c.source().equals(from) ? to : c.source(),
                c.target().equals(from) ? to : c.target(), c.context()));
    }

    /** Renames a sequence; the defaults that use it name it anew, as PostgreSQL prints them by the sequence's oid. */
    private static void renameSequence(SchemaInterpreter db, QualifiedName sequence, String newName) {
        SequenceOptions options = db.sequences().get(sequence);
        if (options == null) {
            throw refuse("sequence " + sequence + " does not exist");
        }
        QualifiedName renamed = QualifiedName.of(sequence.schema(), newName);
        db.register(sequence.schema(), newName, "sequence");
        db.dropSequence(sequence);
        db.sequences().put(renamed, options);
        String from = "'" + sequence + "'";
        String to = "'" + renamed + "'";
        for (InterpretedTable table : db.tables().values()) {
            table.columns.replaceAll((n, c) -> c.defaultExpression() == null || !c.defaultExpression().contains(from)
                    ? c : c.defaultExpression(c.defaultExpression().replace(from, to)));
        }
    }

    private static void renameConstraint(SchemaInterpreter db, InterpretedTable table, String from, String to) {
        if (table.hasConstraint(to)) {
            throw refuse("constraint " + to + " for relation " + table.name + " already exists");
        }
        String schema = table.name.schema();
        if (table.primaryKey != null && from.equals(table.primaryKey.name())) {
            db.register(schema, to, "primary key");
            db.unregister(schema, from);
            table.primaryKey = table.primaryKey.named(to);
        } else if (table.uniques.containsKey(from)) {
            db.register(schema, to, "unique constraint");
            db.unregister(schema, from);
            table.uniques.put(to, table.uniques.remove(from).named(to));
            ConstraintWork.renameKeyReferences(db, table.name, "u:" + from, "u:" + to);
        } else if (table.foreignKeys.containsKey(from)) {
            InterpretedTable.ForeignKey fk = table.foreignKeys.remove(from);
            table.foreignKeys.put(to, new InterpretedTable.ForeignKey(fk.definition().named(to), fk.backingKey()));
        } else if (table.checks.containsKey(from)) {
            table.checks.put(to, table.checks.remove(from).named(to));
        } else {
            throw refuse("constraint " + from + " of relation " + table.name + " does not exist");
        }
    }

    private static void renameIndex(SchemaInterpreter db, QualifiedName index, String to) {
        InterpretedTable table = db.tableOfIndex(index);
        db.register(index.schema(), to, "index");
        db.unregister(index.schema(), index.name());
        Index old = table.indexes.remove(index.name());
        table.indexes.put(to, new Index(to, old.unique(), old.method(), old.elements(), old.include(), old.predicate()));
        ConstraintWork.renameKeyReferences(db, table.name, "i:" + index.name(), "i:" + to);
    }

    private static ColumnDef column(SchemaInterpreter db, Matcher m) {
        return requireColumn(db.requireTable(qualified(m.group(1))), unquote(m.group(4)));
    }

    private static void put(SchemaInterpreter db, Matcher m, ColumnDef column) {
        db.requireTable(qualified(m.group(1))).columns.put(column.name(), column);
    }

    private static ColumnDef retyped(ColumnDef c, String type) {
        return new ColumnDef(c.name(), type, c.nullable(), c.defaultExpression(), c.identity(), c.generatedExpression(),
                false, false, c.comment(), c.collation());
    }

    private static Identity identity(String text) {
        return text.equals("ALWAYS") ? Identity.ALWAYS : Identity.BY_DEFAULT;
    }

    private static QualifiedName qualified(String text) {
        Matcher m = Pattern.compile(QUALIFIED).matcher(text);
        if (!m.matches()) {
            throw refuse("not a name: " + text);
        }
        return m.group(3) == null ? QualifiedName.of(unquote(m.group(2)))
                : QualifiedName.of(unquote(m.group(2)), unquote(m.group(3)));
    }

    private static String unquote(String name) {
        if (name != null && name.startsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }
}
