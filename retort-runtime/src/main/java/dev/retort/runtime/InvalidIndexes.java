package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.Autocommit;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.Operation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes PostgreSQL marks invalid, and the clean-up after a statement that left one.
 *
 * <p>A {@code CREATE INDEX CONCURRENTLY} that fails (a unique index over duplicate rows, a deadlock, a
 * cancelled build) cannot roll back like a transaction: PostgreSQL keeps its index, invalid, ignored by
 * queries yet updated on every write, and the next attempt fails with "already exists". PostgreSQL's own
 * advice is to drop it and build it again, which is what a run does right after the failure, and what a run and a
 * printed script do before each build the operations API writes.
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

    /**
     * Before statement {@code sql} of {@code operation} runs in a live run: when it is a concurrent build the
     * operations API wrote and its table has an invalid index of that name (one a build killed with its run left),
     * drops that index concurrently, as a printed script does (see {@link #printed}). Otherwise the build would fail
     * with "already exists" or, written {@code IF NOT EXISTS}, keep the invalid index and let the revision be recorded
     * as applied.
     * {@code invalid} lists the invalid indexes now: when it is empty, as it nearly always is, this asks the server
     * nothing. Returns the invalid indexes after the drop.
     */
    static List<String> dropBeforeBuild(SqlTarget target, Dialect dialect, Operation operation, String sql,
            List<String> invalid) throws SQLException {
        if (invalid.isEmpty()) {
            return invalid;
        }
        List<Operation> parts = operation instanceof Autocommit block ? block.operations() : List.of(operation);
        for (Operation part : parts) {
            if (part instanceof CreateIndex index && index.concurrently() && dialect.render(part).contains(sql)) {
                List<String> left = new ArrayList<>(invalid);
                for (String found : target.query(invalidOfNameSql(dialect, index))) {
                    target.execute("DROP INDEX CONCURRENTLY IF EXISTS " + found);
                    left.remove(found);
                }
                return left;
            }
        }
        return invalid;
    }

    /** The invalid index of the name {@code index} builds on its table, schema-qualified; none when there is none. */
    private static String invalidOfNameSql(Dialect dialect, CreateIndex index) {
        return "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE i.indrelid = to_regclass(" + dialect.literal(dialect.quote(index.table())) + ") "
                + "AND c.relname = " + dialect.literal(index.name()) + " AND NOT i.indisvalid";
    }

    /**
     * The statements of {@code operation} in a printed script: those of the dialect, with each index the operations API
     * builds concurrently (on its own or in an autocommit block) first dropped when it is there and invalid. No run is
     * there to drop the index a failed build of the script left, and the script run again once the data is fixed
     * would fail with "already exists"; or, written {@code IF NOT EXISTS}, keep the invalid index and go on. A build
     * written by hand in SQL is printed as it is: Retort does not parse SQL to find one.
     */
    static List<String> printed(Dialect dialect, Operation operation) {
        List<Operation> parts = operation instanceof Autocommit block ? block.operations() : List.of(operation);
        List<String> statements = new ArrayList<>();
        for (Operation part : parts) {
            if (part instanceof CreateIndex index && index.concurrently()) {
                statements.add(dropIfInvalidSql(dialect, index));
            }
            statements.addAll(dialect.render(part));
        }
        return statements;
    }

    /**
     * Drops the index {@code index} builds when the table has an invalid one of that name. In a {@code DO} block, as
     * a script has no other way to drop an index only when it is invalid, and so without {@code CONCURRENTLY}, which
     * a {@code DO} block refuses: it locks the table for a moment, waiting no longer than the script's lock_timeout.
     */
    private static String dropIfInvalidSql(Dialect dialect, CreateIndex index) {
        return "DO $retort_invalid$\nDECLARE\n    invalid regclass;\nBEGIN\n"
                + "    SELECT i.indexrelid INTO invalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid\n"
                + "        WHERE i.indrelid = to_regclass(" + dialect.literal(dialect.quote(index.table()))
                + ") AND c.relname = " + dialect.literal(index.name()) + " AND NOT i.indisvalid;\n"
                + "    IF FOUND THEN\n        EXECUTE format('DROP INDEX %s', invalid);\n    END IF;\n"
                + "END\n$retort_invalid$";
    }

    /**
     * The warning about an invalid index found outside a failure, for `retort current` and the start of a run. It
     * cannot tell what left the index: a build that failed, or a {@code DROP INDEX CONCURRENTLY} (a downgrade's)
     * interrupted after its first step, which marks the index invalid; so it names neither, and its advice holds for
     * both. Dropping the index by hand would break a downgrade that still has to drop it (without {@code IF EXISTS}),
     * and a run drops it before a build the operations API wrote: only a build written in SQL needs that done first.
     */
    static String warning(String index) {
        return "Index " + index + " is invalid: a concurrent build or drop of it (CREATE or DROP INDEX CONCURRENTLY) "
                + "failed or was interrupted, or is still running, and PostgreSQL keeps the index, which no query "
                + "uses and writes may still update. Unless one is running, run the upgrade or downgrade again: a step "
                + "that drops the index drops it, and one that builds it with the operations API drops the invalid "
                + "index first; for a step that builds it written by hand in SQL, drop it first with `DROP INDEX "
                + "CONCURRENTLY " + index + "`.";
    }
}
