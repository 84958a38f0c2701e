package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The version table of another migration tool (Flyway's, Liquibase's, Alembic's), which the connection's search path
 * finds, or the schema {@code version_table_schema} names (as Flyway's {@code defaultSchema} keeps its table there),
 * in a database where Retort has recorded no revision: a database that tool made, which Retort would otherwise
 * take for an empty one. Looked for only at base, so that {@code retort current} on a migrated database pays nothing
 * for it, and by a run in the query that finds Retort's own tables.
 *
 * @param tool   the tool's name, as a message says it
 * @param table  its table, as found: {@code public.flyway_schema_history}
 * @param moving the section of {@code docs/coming-from.md} that says how to move its databases to Retort
 */
record OtherTool(String tool, String table, String moving) {
    /** Each tool by its table's default name, in the order looked for. */
    private static final List<OtherTool> KNOWN = List.of(
            new OtherTool("Flyway", "flyway_schema_history", "Moving a Flyway project"),
            new OtherTool("Liquibase", "databasechangelog", "Moving a Liquibase project"),
            new OtherTool("Alembic", "alembic_version", "Moving an Alembic project"));

    /**
     * The first of the known tools' tables that the search path finds, or that is in {@code schema} (null: none),
     * other than {@code ownTable} (Retort's version table, which may be given Alembic's name).
     */
    static Optional<OtherTool> find(Connection connection, Dialect dialect, String ownTable, String schema)
            throws SQLException {
        if (columns(dialect, ownTable, schema).isEmpty()) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns(dialect, ownTable, schema))) {
            rs.next();
            return found(rs, 1, dialect, ownTable);
        }
    }

    /**
     * The columns of a query that read where the search path, or else {@code schema} (null: no other), has the known
     * tools' tables (other than {@code ownTable}), as {@link #found} takes them: one for each tool, its table's schema
     * or null; none when {@code ownTable} has the only known name. A query Retort runs anyway
     * ({@link RunContext#located}) takes them on, so that looking for the tables costs a run from base no round trip
     * of its own.
     */
    static String columns(Dialect dialect, String ownTable, String schema) {
        return String.join(", ", candidates(ownTable).stream().map(tool -> {
            String found = "(SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                    + "c.oid = to_regclass(%s))";
            String onPath = found.formatted(dialect.literal(tool.table()));
            return schema == null ? onPath : "coalesce(" + onPath + ", "
                    + found.formatted(dialect.literal(dialect.quote(QualifiedName.of(schema, tool.table())))) + ")";
        }).toList());
    }

    /** The first tool whose table the {@link #columns} read from {@code first} on in {@code row} found. */
    static Optional<OtherTool> found(ResultSet row, int first, Dialect dialect, String ownTable) throws SQLException {
        List<OtherTool> candidates = candidates(ownTable);
        for (int i = 0; i < candidates.size(); i++) {
            String schema = row.getString(first + i);
            if (schema != null) {
                OtherTool tool = candidates.get(i);
                return Optional.of(new OtherTool(tool.tool(), dialect.quote(QualifiedName.of(schema, tool.table())),
                        tool.moving()));
            }
        }
        return Optional.empty();
    }

    private static List<OtherTool> candidates(String ownTable) {
        return KNOWN.stream().filter(t -> !t.table().equals(ownTable)).toList();
    }

    /** The way out, for a message that has said the table is there: record the revisions instead of running them. */
    String advice(String stamp) {
        return "to have Retort take over a database " + tool + " made, record the revisions that describe its schema "
                + "instead of running them (" + stamp + "), then compare it with the models (`retort check`); see \""
                + moving + "\" in Retort's docs/coming-from.md.";
    }

    /** The warning of a command that finds Retort at base in a database this tool made. */
    String warning() {
        return "Retort has recorded no revision in this database, but " + tool + "'s table " + table + " is there; "
                + advice(STAMP);
    }

    private static final String STAMP = "`retort stamp REV` with the last revision whose schema it holds, "
            + "`retort stamp heads` when it holds them all";

    /**
     * Whether the table holds a row: the tool recorded a migration it ran. Asked only of a table found at base, in a
     * query of its own, which a run at base makes once. A table that cannot be read is taken to hold rows: a run that
     * stops for nothing can be told to go on ({@code ignore_other_tools}), one that ran every revision over another
     * tool's data cannot be undone.
     */
    boolean recordsMigrations(Connection connection) {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT FROM " + table + ")")) {
            return !rs.next() || rs.getBoolean(1);
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * The failure of a run from base in a database where this tool recorded migrations: their
     * {@code CREATE TABLE IF NOT EXISTS} and data changes ({@code UPDATE product SET price = price * 2}) would run
     * again, and succeed.
     */
    String refusal() {
        return "Retort has recorded no revision in this database, but " + tool + "'s table " + table + " records "
                + "the migrations " + tool + " ran there, so upgrading from base would run every revision again over "
                + "its schema and data; nothing was run. " + capitalized(advice(STAMP));
    }

    private static String capitalized(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
