package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.script.MigrationLoader;
import dev.retort.script.ScriptDirectory;

/**
 * What every part of a run works with: the migration files and how to load them, the dialect that renders their
 * operations, the run's options and listener, and Retort's two tables.
 */
record RunContext(ScriptDirectory scripts, MigrationLoader loader, Dialect dialect, RunOptions options,
        RunListener listener, VersionTable versionTable, HistoryTable history) {
}
