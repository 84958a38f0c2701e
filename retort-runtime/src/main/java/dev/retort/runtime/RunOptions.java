package dev.retort.runtime;

/**
 * How a run uses transactions and where it keeps its version rows.
 *
 * @param versionTable the version table's name
 * @param transactionPerMigration true: each migration commits with its version-row change; false: the whole
 *     run is one transaction (statements that must run outside a transaction still commit what came before)
 * @param lockTimeout PostgreSQL's {@code lock_timeout} for the run's statements ("5s"; "0" for none)
 * @param statementTimeout {@code statement_timeout} ("0" for none)
 * @param lockTimeoutRetries how often a step that hit the lock timeout is rolled back and tried again
 * @param backup before each upgrade step that drops a table or column or changes a column's type, copy the data
 *     it loses into schema {@code retort_backup}
 */
public record RunOptions(String versionTable, boolean transactionPerMigration, String lockTimeout, String statementTimeout,
        int lockTimeoutRetries, boolean backup) {
    /** Per-migration transactions, no timeouts: for scratch databases nobody else uses. */
    public static RunOptions plain(String versionTable) {
        return new RunOptions(versionTable, true, "0", "0", 0, false);
    }
}
