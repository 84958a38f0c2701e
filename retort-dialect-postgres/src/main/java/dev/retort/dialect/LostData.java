package dev.retort.dialect;

import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells which rows or column values a statement written by hand destroys, from its words alone, so that they can be
 * copied before it runs ({@code --backup}) as those of the operations that lose data are.
 *
 * <p>Recognised, in any case, with comments and any white space between the words, names plain or quoted and
 * optionally schema-qualified:
 * <ul>
 *   <li>{@code DROP TABLE [IF EXISTS] a [, b ...] [CASCADE | RESTRICT]}: each table's rows;</li>
 *   <li>{@code TRUNCATE [TABLE] [ONLY] a [*] [, ...] [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]}: each table's
 *       rows ({@code ONLY}: the table's own, not those of the tables that inherit from it);</li>
 *   <li>{@code ALTER TABLE [IF EXISTS] [ONLY] t [*] action [, action ...]}, where an action
 *       {@code DROP [COLUMN] [IF EXISTS] c} loses the values of {@code c} ({@code ONLY}: in the table's own rows), and
 *       {@code ALTER [COLUMN] c [SET DATA] TYPE ...} converts them (the other actions lose nothing).</li>
 * </ul>
 * Anything else is not looked into: a {@code DO} block or a function, {@code DELETE}, {@code DROP SCHEMA ... CASCADE},
 * dynamic SQL, and what a {@code CASCADE} reaches beyond the tables named. A word inside a string, a quoted name, a
 * dollar-quoted body or a comment is never read as a keyword. A statement that does not read as one of the forms
 * above, to its end, loses nothing here: never a guess.
 */
public final class LostData {
    /** What kind of statement loses the data. */
    public enum Kind { DROP_TABLE, TRUNCATE, DROP_COLUMN, CHANGE_TYPE }

    /**
     * Data a statement loses: every row of {@code table} (no column), or the values of one of its columns.
     *
     * @param table the table, as PostgreSQL resolves it: a plain name folded to lower case, a quoted one as written
     * @param column the column whose values are lost; null when the table's rows are
     * @param ownRowsOnly whether only the table's own rows are affected ({@code ONLY}), not those of the tables that
     *     inherit from it
     * @param newType the column's new type as written, for a change of type that converts by the type alone; null
     *     otherwise, and for one with {@code USING} or {@code COLLATE}
     */
    public record Loss(Kind kind, QualifiedName table, String column, boolean ownRowsOnly, String newType) {
    }

    private LostData() {
    }

    /** The data {@code statement} (one statement, as the dialect split it) loses, in order; empty for any other. */
    public static List<Loss> of(String statement) {
        // Most statements are told by their first word, without reading the rest (a seed's INSERT may be long).
        List<SqlToken> first = SqlToken.of(statement, 1);
        if (first.isEmpty() || !(first.get(0).is("drop") || first.get(0).is("truncate") || first.get(0).is("alter"))) {
            return List.of();
        }
        StatementReader r = new StatementReader(statement);
        List<Loss> losses;
        if (r.accept("drop")) {
            losses = r.accept("table") ? dropTable(r) : null;
        } else if (r.accept("truncate")) {
            losses = truncate(r);
        } else {
            losses = r.accept("alter") && r.accept("table") ? alterTable(r) : null;
        }
        return losses != null && r.atEnd() ? losses : List.of();
    }

    private static List<Loss> dropTable(StatementReader r) {
        if (r.accept("if") && !r.accept("exists")) {
            return null;
        }
        List<Loss> losses = new ArrayList<>();
        do {
            QualifiedName table = r.qualifiedName();
            if (table == null) {
                return null;
            }
            losses.add(new Loss(Kind.DROP_TABLE, table, null, false, null));
        } while (r.accept(","));
        dropBehaviour(r);
        return losses;
    }

    private static List<Loss> truncate(StatementReader r) {
        r.accept("table");
        List<Loss> losses = new ArrayList<>();
        do {
            boolean only = r.accept("only");
            QualifiedName table = r.qualifiedName();
            if (table == null) {
                return null;
            }
            r.accept("*");
            losses.add(new Loss(Kind.TRUNCATE, table, null, only, null));
        } while (r.accept(","));
        if ((r.accept("restart") || r.accept("continue")) && !r.accept("identity")) {
            return null;
        }
        dropBehaviour(r);
        return losses;
    }

    private static List<Loss> alterTable(StatementReader r) {
        if (r.accept("if") && !r.accept("exists")) {
            return null;
        }
        boolean only = r.accept("only");
        QualifiedName table = r.qualifiedName();
        if (table == null) {
            return null;
        }
        r.accept("*");
        List<Loss> losses = new ArrayList<>();
        do {
            if (r.accept("drop")) {
                String column = droppedColumn(r);
                if (column != null) {
                    losses.add(new Loss(Kind.DROP_COLUMN, table, column, only, null));
                }
                r.skipAction();
            } else if (r.accept("alter")) {
                String column = retypedColumn(r);
                int typeStart = r.position();
                r.skipAction();
                if (column != null) {
                    // PostgreSQL changes an inherited column's type in every table that has it, ONLY or not.
                    String newType = r.typeBetween(typeStart, r.position());
                    losses.add(new Loss(Kind.CHANGE_TYPE, table, column, false, newType));
                }
            } else {
                r.skipAction();
            }
        } while (r.accept(","));
        return losses;
    }

    /** After an action's {@code DROP}: the column it drops, or null when it drops something else. */
    private static String droppedColumn(StatementReader r) {
        if (r.peek("constraint")) {
            return null;
        }
        r.accept("column");
        if (r.accept("if") && !r.accept("exists")) {
            return null;
        }
        return r.name();
    }

    /** After an action's {@code ALTER}: the column whose type it changes, or null. */
    private static String retypedColumn(StatementReader r) {
        if (r.peek("constraint")) {
            return null;
        }
        r.accept("column");
        String column = r.name();
        boolean retype = r.accept("type") || r.accept("set") && r.accept("data") && r.accept("type");
        return retype ? column : null;
    }

    private static void dropBehaviour(StatementReader r) {
        if (!r.accept("cascade")) {
            r.accept("restrict");
        }
    }
}
