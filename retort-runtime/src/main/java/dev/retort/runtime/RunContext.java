package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import dev.retort.script.MigrationLoader;
import dev.retort.script.ScriptDirectory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * What every part of a run works with: the migration files and how to load them, the dialect that renders their
 * operations, the run's options and listener, Retort's two tables, for a run from base the version table of
 * another migration tool found in the database, which a failure names, and the settings the run's session held when
 * Retort had it ({@link ConnectionSource#sessionSettings}).
 */
record RunContext(ScriptDirectory scripts, MigrationLoader loader, Dialect dialect, RunOptions options,
        RunListener listener, VersionTable versionTable, HistoryTable history, Optional<OtherTool> otherTool,
        Map<String, String> sessionSettings) {
    RunContext {
        sessionSettings = Map.copyOf(sessionSettings);
    }

    RunContext(ScriptDirectory scripts, MigrationLoader loader, Dialect dialect, RunOptions options,
            RunListener listener, VersionTable versionTable, HistoryTable history) {
        this(scripts, loader, dialect, options, listener, versionTable, history, Optional.empty(), Map.of());
    }

    /** This context with the version table of another tool that the run found at base. */
    RunContext madeBy(Optional<OtherTool> tool) {
        return new RunContext(scripts, loader, dialect, options, listener, versionTable, history, tool,
                sessionSettings);
    }

    /** This context with {@code other} hearing the run. */
    RunContext heardBy(RunListener other) {
        return new RunContext(scripts, loader, dialect, options, other, versionTable, history, otherTool,
                sessionSettings);
    }

    /** This context for a run whose session held {@code settings} when Retort had it. */
    RunContext withSessionSettings(Map<String, String> settings) {
        return new RunContext(scripts, loader, dialect, options, listener, versionTable, history, otherTool,
                settings);
    }

    /**
     * How a message names the database the run migrates, which the version table's place tells apart: the scratch
     * database made for the run; the version table itself when it is in a schema other than {@code public} (one per
     * tenant, of which a deploy migrates one after another); else "the database".
     */
    String databaseShown() {
        if (options.scratchDatabase().isPresent()) {
            return "the scratch database " + options.scratchDatabase().get();
        }
        String schema = versionTable.schema();
        return schema == null || schema.equals("public") ? "the database"
                : "the version table " + dialect.quote(QualifiedName.of(schema, versionTable.name()));
    }

    /**
     * This context with Retort's tables named by the schema they are in (or, not created yet, will be in), as
     * {@code connection}'s search path finds them: itself when they are named so already (version_table_schema).
     * The version-table change of a step runs after its statements, where a migration's {@code SET search_path}
     * would find the table in another schema or in none, and fail the step with "relation does not exist"; and the
     * run's lock is keyed by the schema ({@link VersionTable#lockName()}).
     */
    RunContext located(Connection connection) throws SQLException {
        return located(connection, false);
    }

    /**
     * Like {@link #located(Connection)}; with {@code atBase} (Retort has recorded nothing), with the version table of
     * another tool ({@link OtherTool}), by its name on the search path or by its shape in any schema, read in the same
     * query.
     */
    RunContext located(Connection connection, boolean atBase) throws SQLException {
        if (versionTable.schema() != null) {
            return atBase ? madeBy(OtherTool.find(connection, dialect, versionTable.name(), versionTable.schema()))
                    : this;
        }
        String where = "coalesce((SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.oid = to_regclass(%s)), current_schema())";
        String query = "SELECT " + where.formatted(dialect.literal(dialect.quote(versionTable.name()))) + ", "
                + where.formatted(dialect.literal(HistoryTable.NAME))
                + (atBase ? ", " + OtherTool.columns(dialect, versionTable.name(), null) : "");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            Optional<OtherTool> tool = atBase ? OtherTool.found(rs, 3, dialect, versionTable.name()) : otherTool;
            return new RunContext(scripts, loader, dialect, options, listener, versionTable.in(rs.getString(1)),
                    history.in(rs.getString(2)), tool, sessionSettings);
        }
    }
}
