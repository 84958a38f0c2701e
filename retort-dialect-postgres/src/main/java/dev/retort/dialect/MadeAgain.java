package dev.retort.dialect;

import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * What a statement of raw SQL makes, as far as its words tell, for {@code downgrade --restore} to put back what an
 * upgrade's {@code --backup} saved of it (as {@link LostData} tells what an upgrade loses). The forms read, in any
 * case, with comments and any white space between the words, names plain or quoted and optionally schema-qualified:
 * <ul>
 *   <li>{@code CREATE [UNLOGGED] TABLE t (...) [options]}: the table;</li>
 *   <li>{@code ALTER TABLE [IF EXISTS] [ONLY] t [*] action [, action ...]}, where each action
 *       {@code ADD [COLUMN] c type [constraints]} makes column {@code c} (the other actions make nothing).</li>
 * </ul>
 * A table made {@code IF NOT EXISTS}, or a column, may be there already with data of its own, and a temporary table
 * is gone at the session's end: they are not read, nor {@code CREATE TABLE ... AS} and {@code ... PARTITION OF},
 * which fill themselves or belong to another table, nor {@code ... PARTITION BY}, a table that holds no row until
 * its partitions are made. A word inside a string, a quoted name, a dollar-quoted body or a comment is never read as
 * a keyword. A statement that does not read as one of the forms above, to its end, makes nothing here: never a guess.
 */
public final class MadeAgain {
    private static final List<String> SERIAL_TYPES = List.of("serial", "serial4", "bigserial", "serial8",
            "smallserial", "serial2");
    /**
     * A table a statement makes (no column), or a column it adds to one.
     *
     * @param table the table, as PostgreSQL resolves it: a plain name folded to lower case, a quoted one as written
     * @param column the column added; null when the statement makes the table
     * @param notNull whether the column is declared {@code NOT NULL}
     * @param hasDefault whether the column is declared with a {@code DEFAULT}, which fills the table's rows, or is a
     *     {@code serial}, whose sequence does
     * @param filledByServer whether the server fills the column itself: an identity or a generated column
     * @param primaryKey whether the column is declared the table's {@code PRIMARY KEY}
     */
    public record Made(QualifiedName table, String column, boolean notNull, boolean hasDefault, boolean filledByServer,
            boolean primaryKey) {
        static Made table(QualifiedName table) {
            return new Made(table, null, false, false, false, false);
        }
    }

    private MadeAgain() {
    }

    /** What {@code statement} (one statement, as the dialect split it) makes, in order; empty for any other. */
    public static List<Made> of(String statement) {
        // Most statements are told by their first word, without reading the rest (a seed's INSERT may be long).
        List<SqlToken> first = SqlToken.of(statement, 1);
        if (first.isEmpty() || !(first.get(0).is("create") || first.get(0).is("alter"))) {
            return List.of();
        }
        StatementReader r = new StatementReader(statement);
        List<Made> made;
        if (r.accept("create")) {
            made = createTable(r);
        } else {
            made = r.accept("alter") && r.accept("table") ? alterTable(r) : null;
        }
        return made != null && r.atEnd() ? made : List.of();
    }

    private static List<Made> createTable(StatementReader r) {
        r.accept("unlogged");
        // TEMP, TEMPORARY, LOCAL TEMP and GLOBAL TEMP come before TABLE: such a statement ends here.
        if (!r.accept("table") || r.peek("if")) {
            return null;
        }
        QualifiedName table = r.qualifiedName();
        if (table == null || "pg_temp".equals(table.schema()) || !r.skipGroup()) {
            return null;
        }
        while (!r.atEnd()) {
            if (r.peek("as") || r.peek("partition")) {
                return null;
            }
            if (!r.skipGroup()) {
                r.next();
            }
        }
        return List.of(Made.table(table));
    }

    private static List<Made> alterTable(StatementReader r) {
        if (r.accept("if") && !r.accept("exists")) {
            return null;
        }
        r.accept("only");
        QualifiedName table = r.qualifiedName();
        if (table == null) {
            return null;
        }
        r.accept("*");
        List<Made> made = new ArrayList<>();
        do {
            if (r.accept("add")) {
                Made column = addedColumn(r, table);
                if (column != null) {
                    made.add(column);
                }
            } else if (r.accept("alter")) {
                // ADD COLUMN c ..., ALTER COLUMN c SET NOT NULL: the column is added NOT NULL, as if declared so.
                r.accept("column");
                String column = r.name();
                if (column != null && r.accept("set") && r.accept("not") && r.accept("null")) {
                    made.replaceAll(m -> column.equals(m.column()) ? new Made(m.table(), m.column(), true,
                            m.hasDefault(), m.filledByServer(), m.primaryKey()) : m);
                }
            }
            r.skipAction();
        } while (r.accept(","));
        return made;
    }

    /** After an action's {@code ADD}: the column it adds, read to the action's end, or null. */
    private static Made addedColumn(StatementReader r, QualifiedName table) {
        if (!r.accept("column")) {
            // ADD of a table constraint (NOT NULL c: PostgreSQL 18); EXCLUDE is no reserved word, and may name a
            // column.
            if (r.peek("constraint") || r.peek("check") || r.peek("unique") || r.peek("primary")
                    || r.peek("foreign") || r.peek("not")
                    || r.peek("exclude") && (r.peek(1, "(") || r.peek(1, "using"))) {
                return null;
            }
        }
        if (r.peek("if")) {
            return null;
        }
        String column = r.name();
        if (column == null || r.atEnd() || r.peek(",")) {
            return null;
        }
        // A serial column is NOT NULL, and its default is its sequence.
        boolean serial = SERIAL_TYPES.stream().anyMatch(r::peek);
        boolean notNull = serial;
        boolean hasDefault = serial;
        boolean filledByServer = false;
        boolean primaryKey = false;
        // The type, then its constraints; only the words outside parentheses are the column's own.
        int depth = 0;
        SqlToken previous = null;
        while (!r.atEnd() && !(depth == 0 && r.peek(","))) {
            if (depth == 0 && r.accept("not", "null")) {
                notNull = true;
            } else if (depth == 0 && r.accept("primary", "key")) {
                primaryKey = true;
            } else {
                SqlToken t = r.next();
                if (t.is("(")) {
                    depth++;
                } else if (t.is(")")) {
                    depth--;
                } else if (depth == 0 && t.is("default") && (previous == null || !previous.is("set"))) {
                    // Not a foreign key's ON DELETE SET DEFAULT.
                    hasDefault = true;
                } else if (depth == 0 && t.is("generated")) {
                    filledByServer = true;
                    // GENERATED BY DEFAULT AS IDENTITY: no DEFAULT clause.
                    r.accept("by", "default");
                }
                previous = t;
            }
        }
        return new Made(table, column, notNull, hasDefault, filledByServer, primaryKey);
    }
}
