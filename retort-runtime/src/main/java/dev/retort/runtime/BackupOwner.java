package dev.retort.runtime;

import dev.retort.dialect.Dialect;

/**
 * Which project's runs made a copy in {@code retort_backup}: their version table, schema-qualified
 * ({@code tenant1.retort_version}), which the catalog records in column {@value #COLUMN}. Projects with a schema each
 * on one database (a tenant per schema) share the catalog, and their migrations copy the same revision's tables under
 * the same names: without it, one tenant's {@code --restore} put back another's rows, and {@code retort backups}
 * listed and pruned them.
 *
 * <p>The name is read by the server where a run's statements run (the printed ones of {@code --sql} included): the
 * version table's chosen or located schema, or, where the search path is to find it, the schema it is in, or else the
 * one it is made in, as {@link RunContext#located} places it.
 *
 * <p>A row without one was written by a Retort from before the column: it is taken for every project's, as then.
 */
public final class BackupOwner {
    /** The catalog's column. */
    static final String COLUMN = "version_table";
    /** An SQL expression: the version table, as {@code format('%I.%I')} writes it. */
    private final String sql;

    private BackupOwner(String sql) {
        this.sql = sql;
    }

    /** The project whose version table is {@code table}. */
    public static BackupOwner of(VersionTable table, Dialect dialect) {
        String name = dialect.literal(table.name());
        String schema = table.schema() != null ? dialect.literal(table.schema())
                : "coalesce((SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.oid = to_regclass(" + dialect.literal(dialect.quote(table.name())) + ")), "
                        + "current_schema(), '')";
        return new BackupOwner("format('%I.%I', " + schema + ", " + name + ")");
    }

    /** An SQL expression: the version table, for the catalog's {@value #COLUMN}. */
    String sql() {
        return sql;
    }

    /**
     * An SQL condition on catalog row {@code row}: it is a copy of this project's runs, or one that records no project
     * (an older Retort's). Read from the row as JSON, as a catalog that no copy wrote to since has no such column.
     */
    String owns(String row) {
        return "coalesce(to_jsonb(" + row + ") ->> '" + COLUMN + "', " + sql + ") = " + sql;
    }

    /** An SQL expression to order catalog row {@code row} by: this project's first, then those that name none. */
    String ownFirst(String row) {
        return "(to_jsonb(" + row + ") ->> '" + COLUMN + "') IS NULL";
    }
}
