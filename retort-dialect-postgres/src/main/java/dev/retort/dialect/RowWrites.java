package dev.retort.dialect;

import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells which tables a statement written by hand puts rows into, empties or drops, from its words alone, so that
 * {@code downgrade --restore} leaves alone a table the downgrade fills (or makes for its own use and drops) after
 * making it again: the saved rows mixed in with the downgrade's own would be neither what the migration says nor what
 * was saved.
 *
 * <p>Read anywhere in the statement, so that a {@code WITH} query's parts count too: {@code INSERT INTO t},
 * {@code MERGE INTO [ONLY] t}, a statement {@code COPY t [(columns)] FROM ...}, and what {@link LostData} reads
 * ({@code DROP TABLE}, {@code TRUNCATE}); in a {@code DO} block, its body too, whose statements read alike. An
 * {@code UPDATE} or {@code DELETE} adds no row, so it does not count. A word inside a string, a comment, or the body
 * of a function (defined here, run later or never) is not read, nor what a function called does.
 */
public final class RowWrites {
    private RowWrites() {
    }

    /** The tables {@code statement} (one statement, as the dialect split it) fills, empties or drops, in order. */
    public static List<QualifiedName> of(String statement) {
        List<QualifiedName> tables = new ArrayList<>();
        for (LostData.Loss loss : LostData.of(statement)) {
            if (loss.kind() == LostData.Kind.DROP_TABLE || loss.kind() == LostData.Kind.TRUNCATE) {
                tables.add(loss.table());
            }
        }
        StatementReader r = new StatementReader(statement);
        if (r.accept("do")) {
            // DO [LANGUAGE l] 'body' [LANGUAGE l]: the body's statements run now.
            while (!r.atEnd()) {
                SqlToken token = r.next();
                if (token.isString()) {
                    tables.addAll(of(token.content()));
                }
            }
            return tables;
        }
        if (r.accept("copy")) {
            QualifiedName table = r.qualifiedName();
            r.skipGroup();
            if (table != null && r.peek("from")) {
                tables.add(table);
            }
        }
        while (!r.atEnd()) {
            if (r.accept("insert", "into")) {
                add(tables, r.qualifiedName());
            } else if (r.accept("merge", "into")) {
                r.accept("only");
                add(tables, r.qualifiedName());
            } else {
                r.next();
            }
        }
        return tables;
    }

    private static void add(List<QualifiedName> tables, QualifiedName table) {
        if (table != null) {
            tables.add(table);
        }
    }
}
