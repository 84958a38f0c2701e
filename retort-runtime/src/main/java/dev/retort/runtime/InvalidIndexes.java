package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.Autocommit;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.Operation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The indexes PostgreSQL marks invalid, and the clean-up after a statement that left one.
 *
 * <p>A {@code CREATE INDEX CONCURRENTLY} that fails (a unique index over duplicate rows, a deadlock, a
 * cancelled build) cannot roll back like a transaction: PostgreSQL keeps its index, invalid, ignored by
 * queries yet updated on every write, and the next attempt fails with "already exists". PostgreSQL's own
 * advice is to drop it and build it again, which is what a run does right after the failure, and what a run and a
 * printed script do before each concurrent build of a named index, whether the operations API wrote it or a SQL
 * migration did ({@link ConcurrentBuild}).
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
     * Before statement {@code sql} of {@code operation} runs in a live run: when it is a concurrent build of a named
     * index and its table has an invalid index of that name (one a build killed with its run left), drops that index
     * concurrently, as a printed script does (see {@link #printed}). Otherwise the build would fail with "already
     * exists" or, written {@code IF NOT EXISTS}, keep the invalid index and let the revision be recorded as applied.
     * {@code invalid} lists the invalid indexes now: when it is empty, as it nearly always is, this asks the server
     * nothing. Returns the invalid indexes after the drop.
     */
    static List<String> dropBeforeBuild(SqlTarget target, Dialect dialect, Operation operation, String sql,
            List<String> invalid) throws SQLException {
        if (invalid.isEmpty()) {
            return invalid;
        }
        Optional<ConcurrentBuild> build = build(dialect, operation, sql);
        if (build.isEmpty()) {
            return invalid;
        }
        List<String> left = new ArrayList<>(invalid);
        for (String found : target.query(invalidOfNameSql(dialect, build.get()))) {
            target.execute("DROP INDEX CONCURRENTLY IF EXISTS " + found);
            left.remove(found);
        }
        return left;
    }

    /**
     * The concurrent build of a named index that statement {@code sql} of {@code operation} is: one the operations
     * API wrote (on its own or in an autocommit block), or one written by hand in SQL.
     */
    private static Optional<ConcurrentBuild> build(Dialect dialect, Operation operation, String sql) {
        List<Operation> parts = operation instanceof Autocommit block ? block.operations() : List.of(operation);
        for (Operation part : parts) {
            if (part instanceof CreateIndex index && index.concurrently() && dialect.render(part).contains(sql)) {
                return Optional.of(new ConcurrentBuild(dialect.quote(index.table()), index.name()));
            }
        }
        return ConcurrentBuild.of(sql);
    }

    /** The invalid index of the name {@code build} builds on its table, schema-qualified; none when there is none. */
    private static String invalidOfNameSql(Dialect dialect, ConcurrentBuild build) {
        return "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE i.indrelid = to_regclass(" + dialect.literal(build.table()) + ") "
                + "AND c.relname = " + dialect.literal(build.index()) + " AND NOT i.indisvalid";
    }

    /**
     * The statements of {@code operation} in a printed script: those of the dialect, with each index built
     * concurrently under a name (by the operations API, on its own or in an autocommit block, or by hand in SQL) first
     * dropped when it is there and invalid. No run is there to drop the index a failed build of the script left, and
     * the script run again once the data is fixed would fail with "already exists"; or, written {@code IF NOT
     * EXISTS}, keep the invalid index and go on.
     */
    static List<String> printed(Dialect dialect, Operation operation) {
        List<Operation> parts = operation instanceof Autocommit block ? block.operations() : List.of(operation);
        List<String> statements = new ArrayList<>();
        for (Operation part : parts) {
            for (String sql : dialect.render(part)) {
                build(dialect, part, sql).ifPresent(build -> statements.add(dropIfInvalidSql(dialect, build)));
                statements.add(sql);
            }
        }
        return statements;
    }

    /**
     * Drops the index {@code build} makes when the table has an invalid one of that name. In a {@code DO} block, as
     * a script has no other way to drop an index only when it is invalid, and so without {@code CONCURRENTLY}, which
     * a {@code DO} block refuses: it locks the table for a moment, waiting no longer than the script's lock_timeout.
     */
    private static String dropIfInvalidSql(Dialect dialect, ConcurrentBuild build) {
        return "DO $retort_invalid$\nDECLARE\n    invalid regclass;\nBEGIN\n"
                + "    SELECT i.indexrelid INTO invalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid\n"
                + "        WHERE i.indrelid = to_regclass(" + dialect.literal(build.table())
                + ") AND c.relname = " + dialect.literal(build.index()) + " AND NOT i.indisvalid;\n"
                + "    IF FOUND THEN\n        EXECUTE format('DROP INDEX %s', invalid);\n    END IF;\n"
                + "END\n$retort_invalid$";
    }

    /**
     * The warning about an invalid index found outside a failure, for `retort current` and the start of a run. It
     * cannot tell what left the index: a build that failed, or a {@code DROP INDEX CONCURRENTLY} (a downgrade's)
     * interrupted after its first step, which marks the index invalid; so it names neither, and its advice holds for
     * both. Dropping the index by hand would break a downgrade that still has to drop it (without {@code IF EXISTS}),
     * and a run drops it before a concurrent build of that name: only an index no migration builds again needs it.
     */
    static String warning(String index) {
        return "Index " + index + " is invalid: a concurrent build or drop of it (CREATE or DROP INDEX CONCURRENTLY) "
                + "failed or was interrupted, or is still running, and PostgreSQL keeps the index, which no query "
                + "uses and writes may still update. Unless one is running, run the upgrade or downgrade again: a step "
                + "that drops the index drops it, and one that builds it concurrently (with the operations API or in "
                + "SQL) drops the invalid index first; to be rid of it otherwise, `DROP INDEX CONCURRENTLY " + index
                + "`.";
    }
}
