package dev.retort.dialect;

import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells which tables a statement written by hand puts rows into, takes rows from, or drops, from its words alone, so
 * that {@code downgrade --restore} leaves alone a table the downgrade fills or empties itself after making it again:
 * the saved rows mixed into the downgrade's own would be neither what the migration says nor what was saved.
 *
 * <p>Read anywhere in the statement, so that a {@code WITH} query's parts count too: {@code INSERT INTO t},
 * {@code MERGE INTO t}, {@code UPDATE [ONLY] t}, {@code DELETE FROM [ONLY] t}, a statement {@code COPY t ...}, and
 * what {@link LostData} reads ({@code DROP TABLE}, {@code TRUNCATE}). A word inside a string, a dollar-quoted body (a
 * {@code DO} block, a function) or a comment is never read. A word that only looks like such a write ({@code ON UPDATE
 * CASCADE}, {@code FOR UPDATE OF t}) may name a table that is not written: this errs on the side of leaving a table
 * alone.
 */
public final class RowWrites {
    private RowWrites() {
    }

    /** The tables {@code statement} (one statement, as the dialect split it) writes or drops, in order. */
    public static List<QualifiedName> of(String statement) {
        List<QualifiedName> tables = new ArrayList<>();
        for (LostData.Loss loss : LostData.of(statement)) {
            if (loss.kind() == LostData.Kind.DROP_TABLE || loss.kind() == LostData.Kind.TRUNCATE) {
                tables.add(loss.table());
            }
        }
        StatementReader r = new StatementReader(statement);
        if (r.accept("copy")) {
            add(tables, r.qualifiedName());
        }
        while (!r.atEnd()) {
            if (r.accept("insert", "into") || r.accept("merge", "into")) {
                add(tables, r.qualifiedName());
            } else if (r.accept("update") || r.accept("delete", "from")) {
                r.accept("only");
                add(tables, r.qualifiedName());
            } else {
                r.next();
            }
        }
        return tables;
    }

    /** Whether {@code a} and {@code b} may be one table: the same name, and the same schema where both give one. */
    public static boolean mayBeSame(QualifiedName a, QualifiedName b) {
        return a.name().equals(b.name()) && (a.schema() == null || b.schema() == null || a.schema().equals(b.schema()));
    }

    private static void add(List<QualifiedName> tables, QualifiedName table) {
        if (table != null) {
            tables.add(table);
        }
    }
}
