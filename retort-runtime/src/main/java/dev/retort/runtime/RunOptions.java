package dev.retort.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * How a run uses transactions and where it keeps its version rows.
 *
 * @param versionTable the version table's name
 * @param versionTableSchema the schema of the version and history tables, created when missing; empty: the
 *     connection's current schema
 * @param transactionPerMigration true: each migration commits with its version-row change; false: the whole
 *     run is one transaction (statements that must run outside a transaction still commit what came before)
 * @param lockTimeout PostgreSQL's {@code lock_timeout} for the run's statements ("5s"; "0" for none)
 * @param statementTimeout {@code statement_timeout} ("0" for none)
 * @param lockTimeoutRetries how often a step that hit the lock timeout is rolled back and tried again
 * @param backup before each step that drops a table or column or changes a column's type, copy the data
 *     it loses into schema {@code retort_backup}
 * @param restore after each downgrade operation that makes again a table or column that the revision's latest upgrade
 *     dropped, put back what that upgrade's {@code backup} saved
 * @param scratchDatabase the name of the throw-away database the run migrates, which a failure names instead of
 *     "the database" (the project's own, which it leaves untouched); empty for the project's database
 * @param overOtherTools run from base even where another tool's version table records migrations
 *     ({@code ignore_other_tools}); false: such a run stops before its first step, as it would apply every revision
 *     over the schema and data that tool made
 * @param queueTimeout how long the run waits for another run of its version table ("0": as long as that one takes),
 *     whatever {@code lock_timeout} or {@code statement_timeout} the session has
 */
public record RunOptions(String versionTable, Optional<String> versionTableSchema, boolean transactionPerMigration,
        String lockTimeout, String statementTimeout, int lockTimeoutRetries, boolean backup, boolean restore,
        Optional<String> scratchDatabase, boolean overOtherTools, String queueTimeout) {
    public RunOptions {
        Objects.requireNonNull(versionTable, "versionTable");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(versionTableSchema, "versionTableSchema");
        Objects.requireNonNull(scratchDatabase, "scratchDatabase");
    }

    /** Options of a run that stops at another tool's recorded migrations and waits for other runs to end. */
    public RunOptions(String versionTable, Optional<String> versionTableSchema, boolean transactionPerMigration,
            String lockTimeout, String statementTimeout, int lockTimeoutRetries, boolean backup, boolean restore,
            Optional<String> scratchDatabase) {
        this(versionTable, versionTableSchema, transactionPerMigration, lockTimeout, statementTimeout,
                lockTimeoutRetries, backup, restore, scratchDatabase, false, "0");
    }

    /** Options of a run that restores nothing. */
    public RunOptions(String versionTable, Optional<String> versionTableSchema, boolean transactionPerMigration,
            String lockTimeout, String statementTimeout, int lockTimeoutRetries, boolean backup,
            Optional<String> scratchDatabase) {
        this(versionTable, versionTableSchema, transactionPerMigration, lockTimeout, statementTimeout,
                lockTimeoutRetries, backup, false, scratchDatabase);
    }

    /** These options, with a run from base going on where another tool's version table records migrations. */
    public RunOptions overOtherTools(boolean over) {
        return new RunOptions(versionTable, versionTableSchema, transactionPerMigration, lockTimeout, statementTimeout,
                lockTimeoutRetries, backup, restore, scratchDatabase, over, queueTimeout);
    }

    /** These options, with the run giving up after {@code timeout} ("0": never) when another run holds the lock. */
    public RunOptions queueTimeout(String timeout) {
        return new RunOptions(versionTable, versionTableSchema, transactionPerMigration, lockTimeout, statementTimeout,
                lockTimeoutRetries, backup, restore, scratchDatabase, overOtherTools, timeout);
    }

    /**
     * Per-migration transactions, no timeouts: for the scratch database {@code name}, made for the run, which nobody
     * else uses.
     */
    public static RunOptions scratch(String versionTable, Optional<String> versionTableSchema, String name) {
        return new RunOptions(versionTable, versionTableSchema, true, "0", "0", 0, false, Optional.of(name));
    }
}
