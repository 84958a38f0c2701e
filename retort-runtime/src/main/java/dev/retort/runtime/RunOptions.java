package dev.retort.runtime;

/**
 * How a run uses transactions and where it keeps its version rows.
 *
 * @param versionTable the version table's name
 * @param transactionPerMigration true: each migration commits with its version-row change; false: the whole
 *     run is one transaction (statements that must run outside a transaction still commit what came before)
 */
public record RunOptions(String versionTable, boolean transactionPerMigration) {
}
