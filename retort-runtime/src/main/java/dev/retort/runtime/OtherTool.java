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
 * finds in a database where Retort has recorded no revision: a database that tool made, which Retort would otherwise
 * take for an empty one. Looked for only at base, in one catalog query, so that {@code retort current} on a migrated
 * database pays nothing for it.
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
     * The first of the known tools' tables that the search path finds, other than {@code ownTable} (Retort's version
     * table, which may be given Alembic's name).
     */
    static Optional<OtherTool> find(Connection connection, Dialect dialect, String ownTable) throws SQLException {
        List<OtherTool> candidates = KNOWN.stream().filter(t -> !t.table().equals(ownTable)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", candidates.stream()
                .map(t -> "to_regclass(" + dialect.literal(t.table()) + ")").toList());
        String query = "SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.oid IN (" + names + ")";
        List<String[]> found = new java.util.ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                found.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (OtherTool tool : candidates) {
            for (String[] table : found) {
                if (table[0].equals(tool.table())) {
                    return Optional.of(new OtherTool(tool.tool(), dialect.quote(QualifiedName.of(table[1], table[0])),
                            tool.moving()));
                }
            }
        }
        return Optional.empty();
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
                + advice("`retort stamp REV` with the last revision whose schema it holds, `retort stamp head` when "
                        + "it holds them all");
    }
}
