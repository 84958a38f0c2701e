package dev.retort.runtime;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes PostgreSQL marks invalid, and the clean-up after a statement that left one.
 *
 * <p>A {@code CREATE INDEX CONCURRENTLY} that fails (a unique index over duplicate rows, a deadlock, a
 * cancelled build) cannot roll back like a transaction: PostgreSQL keeps its index, invalid, ignored by
 * queries yet updated on every write, and the next attempt fails with "already exists". PostgreSQL's own
 * advice is to drop it and build it again, which is what a run does right after the failure.
 */
final class InvalidIndexes {
    private static final String QUERY = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE NOT i.indisvalid ORDER BY 1";

    private InvalidIndexes() {
    }

    /** The invalid indexes, schema-qualified and quoted where needed; none for printed SQL. */
    static List<String> list(SqlTarget target) throws SQLException {
        return target.query(QUERY);
    }

    /**
     * Drops the invalid indexes that are not in {@code before}, that is those the failed statement left, and
     * returns a sentence for its error message: empty when it left none.
     */
    static String dropNew(SqlTarget target, List<String> before) {
        List<String> left;
        try {
            left = new ArrayList<>(list(target));
        } catch (SQLException e) {
            return ""; // The connection is gone: the error says so, and `retort current` reports the index.
        }
        left.removeAll(before);
        List<String> dropped = new ArrayList<>();
        for (String index : left) {
            try {
                target.enterAutocommit();
                target.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                dropped.add(index);
            } catch (SQLException e) {
                return (dropped.isEmpty() ? "" : dropped(dropped)) + " It left the invalid index " + index
                        + " behind, which could not be dropped (" + Runner.firstLine(e.getMessage())
                        + "): drop it with `DROP INDEX CONCURRENTLY " + index + "` before running again.";
            }
        }
        return dropped.isEmpty() ? "" : dropped(dropped);
    }

    private static String dropped(List<String> indexes) {
        return " PostgreSQL left the invalid index" + (indexes.size() == 1 ? " " : "es ") + String.join(", ", indexes)
                + " behind; Retort dropped " + (indexes.size() == 1 ? "it." : "them.");
    }

    /** The warning about an invalid index found outside a failure, for `retort current` and the start of a run. */
    static String warning(String index) {
        return "Index " + index + " is invalid: a CREATE INDEX CONCURRENTLY failed (or is still running), and PostgreSQL "
                + "keeps the index, updating it on every write. Unless a build is running, drop it with "
                + "`DROP INDEX CONCURRENTLY " + index + "` and run the migration again.";
    }
}
