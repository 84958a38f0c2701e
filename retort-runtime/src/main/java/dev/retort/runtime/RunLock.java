package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work other than a run that must not overlap one, such as dropping the copies a {@code --restore} may be reading: it
 * holds the lock a run of the same version table takes ({@link AdvisoryLock}), waiting while a run holds it.
 */
public final class RunLock {
    /** What runs under the lock, on a connection of its own in autocommit. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private RunLock() {
    }

    /** Runs {@code work} on a connection to {@code db} while holding the run lock of {@code options}' version table. */
    public static <T> T holding(ConnectionSource db, Dialect dialect, RunOptions options, RunListener listener,
            Work<T> work) throws SQLException {
        String schema = options.versionTableSchema().orElse(null);
        // Only the version table's place matters here: no migration is read or run.
        RunContext context = new RunContext(null, null, dialect, options, listener,
                new VersionTable(options.versionTable(), dialect).inChosenSchema(schema),
                new HistoryTable(dialect).in(schema));
        try (Connection connection = db.open()) {
            connection.setAutoCommit(true);
            String lockName = context.located(connection).versionTable().lockName();
            try (Connection lockConnection = db.open();
                    AdvisoryLock lock = AdvisoryLock.acquire(lockConnection, connection, lockName, db.describe(),
                            listener, options.queueTimeout())) {
                // A killed run's session may still be committing steps it was sent.
                lock.holdWork(connection);
                T result = work.run(connection);
                lock.release();
                return result;
            }
        }
    }
}
