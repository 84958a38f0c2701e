package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The version table of another migration tool (Flyway's, Liquibase's, Alembic's) in a database where Retort has
 * recorded no revision: a database that tool made, which Retort would otherwise take for an empty one. Found by its
 * default name where the connection's search path finds it, or in the schema {@code version_table_schema} names (as
 * Flyway's {@code defaultSchema} keeps its table there); else by its columns, under any name and in any schema, as
 * Flyway 4's {@code schema_version}, a {@code flyway.table} or Liquibase's {@code databaseChangeLogTableName} name
 * it, or {@code flyway.schemas=app} keeps it off the search path. Looked for only at base, so that
 * {@code retort current} on a migrated database pays nothing for it, and by a run in the query that finds Retort's
 * own tables.
 *
 * @param tool   the tool's name, as a message says it
 * @param table  its table, as found: {@code public.flyway_schema_history}
 * @param moving the section of {@code docs/coming-from.md} that says how to move its databases to Retort
 * @param apart  the schema it was found in by its shape where that is none this run migrates (not on the search
 *               path, not {@code version_table_schema}), as another application's may be; else null
 */
record OtherTool(String tool, String table, String moving, String apart) {
    /** Each tool, by its table's default name and by its table's shape, in the order looked for. */
    private static final List<Known> KNOWN = List.of(
            new Known(new OtherTool("Flyway", "flyway_schema_history", "Moving a Flyway project", null),
                    "installed_rank", List.of("installed_rank", "version", "script", "checksum", "success"), false),
            new Known(new OtherTool("Liquibase", "databasechangelog", "Moving a Liquibase project", null),
                    "md5sum", List.of("id", "author", "filename", "dateexecuted", "md5sum"), false),
            new Known(new OtherTool("Alembic", "alembic_version", "Moving an Alembic project", null),
                    "version_num", List.of("version_num"), true));

    /**
     * A tool and its table's shape: {@code columns} that every version of the tool makes (Flyway's since 3, in
     * {@code schema_version} with {@code version_rank} until 4; Liquibase's since 1, {@code orderexecuted} and
     * {@code exectype} coming with 2), which together no other table has, names as PostgreSQL folds them; with
     * {@code only}, no others: Alembic's table has the one column {@code version_num}, as Retort's own has.
     * {@code mark} is the one of them that few other tables have, by which the tables to compare are found.
     */
    private record Known(OtherTool byName, String mark, List<String> columns, boolean only) {
    }

    /**
     * The first of the known tools' tables that the search path finds, or that is in {@code schema} (null: none),
     * other than {@code ownTable} (Retort's version table, which may be given Alembic's name); else the first table
     * of a tool's shape ({@link #columns}).
     */
    static Optional<OtherTool> find(Connection connection, Dialect dialect, String ownTable, String schema)
            throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns(dialect, ownTable, schema))) {
            rs.next();
            return found(rs, 1, dialect, ownTable);
        }
    }

    /**
     * The columns of a query that read where the search path, or else {@code schema} (null: no other), has the known
     * tools' tables (other than {@code ownTable}), as {@link #found} takes them: one for each tool, its table's schema
     * or null; then one for a table of a tool's shape in any schema, the tool, the schema and the table, or null. A
     * query Retort runs anyway ({@link RunContext#located}) takes them on, so that looking for the tables costs a run
     * from base no round trip of its own.
     *
     * <p>Retort's own tables, and those of the other targets Retort migrates in the database (a schema per tenant,
     * each with its own version table, and its tool's table left from before Retort took over), are left out: a
     * table of Alembic's shape named as Retort's version table, and any table in a schema with Retort's history table
     * other than this run's ({@code schema}'s, or the one the search path finds). So are the schemas the user may not
     * use: the migrations could not run again over what is there.
     */
    static String columns(Dialect dialect, String ownTable, String schema) {
        List<String> columns = new ArrayList<>(candidates(ownTable).stream().map(tool -> {
            String found = "(SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                    + "c.oid = to_regclass(%s))";
            String onPath = found.formatted(dialect.literal(tool.table()));
            return schema == null ? onPath : "coalesce(" + onPath + ", "
                    + found.formatted(dialect.literal(dialect.quote(QualifiedName.of(schema, tool.table())))) + ")";
        }).toList());
        columns.add(byShape(dialect, ownTable, schema));
        return String.join(", ", columns);
    }

    /**
     * The column of {@link #columns} that finds a tool's table by its shape: {@code ARRAY[tool, schema, table]}.
     * Only the tables with a tool's {@link Known#mark} column are compared, found in one pass over the columns and
     * given to the rest as an array, which the planner cannot turn into a look-up table by table: comparing every
     * table's columns took a run from base 1 to 2 s in a database of 20,000 tables. Relations numbered below 16384
     * (PostgreSQL's first number for objects not made by initdb) are its catalogs, in schemas not looked in anyway:
     * an empty database's columns are then nearly all passed over without comparing their names. The mark is looked
     * for as the tool writes it and in capitals (Liquibase quoting every name, say), not through {@code lower()}, which
     * took that pass four times as long at 20,000 tables; the shape is then compared in any case.
     */
    private static String byShape(Dialect dialect, String ownTable, String schema) {
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < KNOWN.size(); i++) {
            Known known = KNOWN.get(i);
            shapes.add("(" + i + ", ARRAY[" + String.join(", ", known.columns().stream().map(dialect::literal)
                    .toList()) + "], " + known.only() + ")");
        }
        String ownHistory = dialect.literal(schema == null ? dialect.quote(HistoryTable.NAME)
                : dialect.quote(QualifiedName.of(schema, HistoryTable.NAME)));
        return """
                (SELECT ARRAY[k.tool::text, n.nspname::text, c.relname::text, \
                (n.nspname <> ALL (current_schemas(false))%s)::text] FROM pg_class c \
                JOIN pg_namespace n ON n.oid = c.relnamespace \
                CROSS JOIN LATERAL (SELECT array_agg(lower(a.attname::text)) AS names FROM pg_attribute a \
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) a \
                JOIN (VALUES %s) k(tool, columns, only_these) \
                ON a.names @> k.columns AND (NOT k.only_these OR a.names <@ k.columns) \
                WHERE c.oid = ANY (ARRAY(SELECT m.attrelid FROM pg_attribute m WHERE m.attrelid >= 16384 \
                AND m.attnum > 0 AND NOT m.attisdropped AND m.attname IN (%s))) \
                AND c.relkind IN ('r', 'p') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' \
                AND has_schema_privilege(n.oid, 'USAGE') \
                AND NOT (k.only_these AND c.relname = %s) \
                AND NOT EXISTS (SELECT FROM pg_class h WHERE h.relnamespace = n.oid AND h.relname = %s \
                AND h.oid IS DISTINCT FROM to_regclass(%s)) \
                ORDER BY k.tool, n.nspname, c.relname LIMIT 1)""".formatted(
                schema == null ? "" : " AND n.nspname <> " + dialect.literal(schema), String.join(", ", shapes),
                String.join(", ", KNOWN.stream().flatMap(known -> Stream.of(known.mark(),
                        known.mark().toUpperCase(Locale.ROOT))).map(dialect::literal).toList()),
                dialect.literal(ownTable), dialect.literal(HistoryTable.NAME), ownHistory);
    }

    /**
     * The first tool whose table the {@link #columns} read from {@code first} on in {@code row} found: by its
     * default name first, as found, then by its shape, named with its schema.
     */
    static Optional<OtherTool> found(ResultSet row, int first, Dialect dialect, String ownTable) throws SQLException {
        List<OtherTool> candidates = candidates(ownTable);
        for (int i = 0; i < candidates.size(); i++) {
            String schema = row.getString(first + i);
            if (schema != null) {
                OtherTool tool = candidates.get(i);
                return Optional.of(new OtherTool(tool.tool(), dialect.quote(QualifiedName.of(schema, tool.table())),
                        tool.moving(), null));
            }
        }
        Array byShape = row.getArray(first + candidates.size());
        if (byShape == null) {
            return Optional.empty();
        }
        String[] found = (String[]) byShape.getArray();
        OtherTool tool = KNOWN.get(Integer.parseInt(found[0])).byName();
        return Optional.of(new OtherTool(tool.tool(), dialect.quote(QualifiedName.of(found[1], found[2])),
                tool.moving(), Boolean.parseBoolean(found[3]) ? found[1] : null));
    }

    private static List<OtherTool> candidates(String ownTable) {
        return KNOWN.stream().map(Known::byName).filter(t -> !t.table().equals(ownTable)).toList();
    }

    /** The way out, for a message that has said the table is there: record the revisions instead of running them. */
    String advice(String stamp) {
        return "to have Retort take over a database " + tool + " made, record the revisions that describe its schema "
                + "instead of running them (" + stamp + "), then compare it with the models (`retort check`); see \""
                + moving + "\" in Retort's docs/coming-from.md.";
    }

    /**
     * The warning of a command that finds Retort at base in a database this tool made, with the stamp that takes it
     * over ({@link #stamp}).
     */
    String warning(String stamp) {
        return "Retort has recorded no revision in this database, but " + tool + "'s table " + table + " is there; "
                + advice(stamp) + another();
    }

    /**
     * The failure of a command that needs the database at head (a comparison with the models) where Retort is at
     * base in a database this tool made: the way out is a stamp, as {@code retort upgrade head} refuses to run the
     * revisions over the tool's schema ({@link #refusal}).
     */
    String notUpToDate(String stamp) {
        return "The database is not up to date for Retort, which has recorded no revision in it, but " + tool
                + "'s table " + table + " is there: record the revisions that describe its schema instead of "
                + "running them (" + stamp + "), then compare again; see \"" + moving
                + "\" in Retort's docs/coming-from.md." + another();
    }

    /**
     * The stamp that takes the database over: where the tool's table names revisions (Alembic's holds the id of each
     * head it reached, one row each at a branch point) and they all are revisions of these migrations (a project
     * ported under its own ids), {@code retort stamp} with those; else the general advice. A table that cannot be
     * read gets the general advice too.
     */
    String stamp(Connection connection, Predicate<String> known) {
        // Flyway's and Liquibase's tables name the versions and changesets of their own files, not revisions.
        if (!"Alembic".equals(tool)) {
            return STAMP;
        }
        List<String> revisions = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT version_num FROM " + table + " ORDER BY 1")) {
            while (rs.next()) {
                revisions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return STAMP;
        }
        return revisions.isEmpty() || !revisions.stream().allMatch(id -> id != null && known.test(id)) ? STAMP
                : "`retort stamp " + String.join(" ", revisions) + "`";
    }

    /**
     * For a table in a schema none of the migrations use ({@link #apart}): the other way out, where it is another
     * application's, whose migrations these are not.
     */
    private String another() {
        return apart == null ? "" : " Its schema, " + apart + ", is none these migrations use: if the table belongs to "
                + "another application that shares the database, set ignore_other_tools = true in retort.toml instead.";
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
    String refusal(String stamp) {
        return "Retort has recorded no revision in this database, but " + tool + "'s table " + table + " records "
                + "the migrations " + tool + " ran there, so upgrading from base would run every revision again over "
                + "its schema and data; nothing was run. " + capitalized(advice(stamp)) + another();
    }

    private static String capitalized(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
