package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import dev.retort.revision.RevisionMap;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code retort_version} table: one row per applied head, as Alembic's {@code alembic_version}.
 *
 * <p>Moving from one set of heads to another touches as few rows as it can: a straight step is one
 * {@code UPDATE}, a merge deletes rows, a new branch inserts one. A live {@code UPDATE} or {@code DELETE}
 * that finds no row means someone changed the table behind this run's back: the step fails and rolls back.
 */
public final class VersionTable {
    private final String table;
    private final Dialect dialect;
    /** The schema statements name, or null: wherever the search path finds the table. */
    private final String schema;
    /** Whether {@link #schema} is one the user chose (version_table_schema), which a run creates when missing. */
    private final boolean chosenSchema;
    /** The table as statements name it: schema-qualified once {@link #in(String)} said where it is. */
    private final String quoted;

    public VersionTable(String table, Dialect dialect) {
        this(table, dialect, null, false);
    }

    private VersionTable(String table, Dialect dialect, String schema, boolean chosenSchema) {
        this.table = table;
        this.dialect = dialect;
        this.schema = schema;
        this.chosenSchema = chosenSchema;
        this.quoted = schema == null ? dialect.quote(table) : dialect.quote(QualifiedName.of(schema, table));
    }

    /**
     * This table in {@code schema} (null: wherever the search path finds it), named so by the statements of a run's
     * steps, which a migration's {@code SET search_path} would otherwise send to another schema or to none.
     */
    VersionTable in(String schema) {
        return new VersionTable(table, dialect, schema, chosenSchema);
    }

    /** This table in the schema the user chose for it ({@code version_table_schema}), created by a run when missing. */
    public VersionTable inChosenSchema(String schema) {
        return new VersionTable(table, dialect, schema, schema != null);
    }

    public String name() {
        return table;
    }

    /** The schema statements name the table by (see {@link #in(String)}); null: wherever the search path finds it. */
    String schema() {
        return schema;
    }

    /**
     * What a run's advisory locks on this table are keyed by: its name, with its schema unless that is {@code public}.
     * Runs on the tables of two schemas, each a tenant's (found by the connection's search path or named by
     * version_table_schema), then do not wait for one another, while two runs on one table take one lock however
     * they name its schema. A table in {@code public} is keyed by its name alone, as before schemas counted, so that
     * such a run still queues behind one of an earlier Retort.
     */
    String lockName() {
        return schema == null || schema.equals("public") ? table : schema + "." + table;
    }

    /** The schema the user chose for the table, or null: the connection's current schema. */
    String chosenSchema() {
        return chosenSchema ? schema : null;
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + quoted + " (version_num varchar(32) NOT NULL, CONSTRAINT "
                + dialect.quote(table + "_pkc") + " PRIMARY KEY (version_num))";
    }

    /**
     * Creates the chosen schema when it is missing, as Flyway does, so that it exists before the first migration runs.
     * Asked of the catalog first: {@code CREATE SCHEMA IF NOT EXISTS} needs the right to create schemas in the
     * database even when the schema is there, which a user given only a schema of their own lacks.
     */
    String createSchemaSql() {
        return "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = " + dialect.literal(schema)
                + ") THEN CREATE SCHEMA " + dialect.quote(schema) + "; END IF; END$$";
    }

    /**
     * The applied heads; empty when the table does not exist yet.
     *
     * @throws RetortException when the user may not use the chosen schema
     */
    public Set<String> read(Connection connection) throws SQLException {
        return read(connection, warning -> { }).heads();
    }

    /**
     * The applied heads, and what a run's locks on the table are keyed by ({@link #lockName()}) where the search path
     * finds it, or, while it is missing, where a run would create it: as a run that located it takes them.
     */
    record Heads(Set<String> heads, String lockName) {
    }

    /**
     * The applied heads, as {@link #read(Connection)}; {@code warnings} hears of a table without a chosen schema that
     * the search path finds further along than the schema the connection creates tables in: the migrations' tables
     * then go to one schema and the rows that record them to another. That is a schema per tenant told apart by the
     * search path alone, where a new tenant (its schema first, {@code public} after it) would read the version table
     * of {@code public} as its own.
     */
    Heads read(Connection connection, java.util.function.Consumer<String> warnings) throws SQLException {
        Set<String> heads = new LinkedHashSet<>();
        String lockName;
        try (Statement s = connection.createStatement()) {
            // The search path in the same query: a check every command makes, at no round trip of its own.
            try (ResultSet exists = s.executeQuery("SELECT (SELECT n.nspname FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE c.oid = to_regclass(" + dialect.literal(quoted) + ")), "
                    + "current_schema(), current_setting('search_path'), current_user")) {
                exists.next();
                String found = exists.getString(1);
                String current = exists.getString(2);
                if (chosenSchema) {
                    requireSearchPathInSameCase(exists.getString(3), exists.getString(4), current);
                }
                // As RunContext#located places the table.
                lockName = schema != null ? lockName() : in(found != null ? found : current).lockName();
                if (found == null) {
                    return new Heads(heads, lockName);
                }
                if (!chosenSchema && schema == null && current != null && !found.equals(current)) {
                    warnings.accept("Retort's version table is " + dialect.quote(QualifiedName.of(found, table))
                            + ", further along the search path than " + current + ", the schema the connection "
                            + "creates tables in: the migrations' tables go to " + current + " and the rows that "
                            + "record them to " + found + ". For a schema per tenant, set version_table_schema to the "
                            + "tenant's schema; to keep this table, set version_table_schema = \"" + found + "\".");
                }
            }
            try (ResultSet rows = s.executeQuery(selectSql())) {
                while (rows.next()) {
                    heads.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw unusableSchema(e);
        }
        return new Heads(heads, lockName);
    }

    /**
     * Fails when the session's search path names the chosen schema only in another case of its letters: a name with
     * capitals written without double quotes (in a URL's {@code currentSchema}, by a pool's {@code setSchema}), which
     * PostgreSQL folds to lower case, while this table's schema is quoted as written. The migrations' unqualified
     * tables would then go to another schema (usually {@code public}) than the version table that records them, and
     * the next tenant would be refused for the version table in a schema of nothing but Retort's tables. The setting
     * reads back as it was written, so it is compared by the schemas PostgreSQL reads it as.
     */
    private void requireSearchPathInSameCase(String setting, String user, String current) {
        Optional<String> named = SearchPath.inOtherCase(SearchPath.schemas(setting, user), schema);
        if (named.isEmpty()) {
            return;
        }
        boolean folded = named.get().equals(named.get().toLowerCase(Locale.ROOT));
        throw new RetortException("The session's search_path is " + setting + ", which resolves to "
                + (current == null ? "no schema that exists" : "schema " + current) + ": it names " + named.get()
                + ", not " + schema + ", the version_table_schema, as PostgreSQL "
                + (folded ? "folds a name written without double quotes to lower case"
                        : "keeps the capitals of a name in double quotes")
                + ". Nothing was changed; " + (folded
                        ? "write the name in double quotes in the search path (%22" + schema + "%22 in a URL's "
                                + "currentSchema), or use lower case."
                        : "set version_table_schema = \"" + named.get() + "\", or write the name in the search path "
                                + "without double quotes."));
    }

    /**
     * The failure to read or create the table in the chosen schema for want of a privilege, as one sentence that says
     * what to grant; any other failure as it is.
     */
    <E extends SQLException> E unusableSchema(E e) {
        if (chosenSchema && "42501".equals(e.getSQLState())) {
            throw new RetortException("Retort cannot keep its version table in schema " + schema
                    + " (version_table_schema): " + Runner.firstLine(e.getMessage()) + "; grant USAGE and CREATE on "
                    + "schema " + schema + " to the user Retort connects as (or create the schema for it), or choose "
                    + "another schema.", e);
        }
        return e;
    }

    /**
     * The version table where Retort would look for it without a chosen schema, when the chosen schema has none: a
     * database migrated before {@code version_table_schema} was set keeps its rows there. Empty without a chosen
     * schema, or when that place holds no table of this name, or when the connection's search path names the chosen
     * schema before it: the migrations' tables then go to the chosen schema too, so that a table further along the
     * path (in {@code public}, beside the tables a shared part of the application keeps there) describes other tables
     * than these. That is a schema per tenant, of which a new one has no version table yet.
     */
    Optional<Elsewhere> elsewhere(Connection connection) throws SQLException {
        if (!chosenSchema) {
            return Optional.empty();
        }
        String where = "SELECT n.nspname, current_setting('search_path'), current_user FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass("
                + dialect.literal(dialect.quote(table)) + ")";
        String found;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(where)) {
            if (!rs.next() || rs.getString(1).equals(schema)) {
                return Optional.empty();
            }
            found = rs.getString(1);
            List<String> path = SearchPath.schemas(rs.getString(2), rs.getString(3));
            int chosen = path.indexOf(schema);
            if (chosen >= 0 && (chosen < path.indexOf(found) || !path.contains(found))) {
                return Optional.empty();
            }
        }
        Set<String> heads = new VersionTable(table, dialect, found, false).read(connection);
        return Optional.of(new Elsewhere(found, heads));
    }

    /**
     * Version tables of this name in schemas that hold nothing but Retort's two tables, other than where this table
     * is: the schemas a {@code version_table_schema} may have chosen before it was changed or unset, when the chosen
     * schema (or, without one, the search path) has no table; none while it has one, even empty (at base). A tenant's
     * schema, of which a new tenant finds others, holds the tenant's tables too, and is not one; whether one of these
     * is this target's, or another's of the same layout, {@link FormerSchema} tells. Each with its heads; a table the
     * user may not read is passed over.
     */
    List<Elsewhere> inRetortOnlySchemas(Connection connection) throws SQLException {
        String query = "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relname = " + dialect.literal(table) + " AND c.relkind IN ('r', 'p') AND n.nspname <> "
                + (schema == null ? "coalesce(current_schema(), '')" : dialect.literal(schema))
                + " AND NOT EXISTS (SELECT FROM pg_class o WHERE o.relnamespace = n.oid "
                + "AND o.relkind IN ('r', 'p', 'v', 'm', 'f') AND o.relname NOT IN (" + dialect.literal(table) + ", "
                + dialect.literal(HistoryTable.NAME) + ")) AND to_regclass(" + dialect.literal(quoted) + ") IS NULL "
                + "ORDER BY 1";
        List<String> schemas = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        List<Elsewhere> found = new ArrayList<>();
        for (String other : schemas) {
            try {
                found.add(new Elsewhere(other, new VersionTable(table, dialect, other, false).read(connection)));
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return found;
    }

    /** A version table of this name in {@code schema}, not the chosen one, holding {@code heads}. */
    record Elsewhere(String schema, Set<String> heads) {
    }

    /** The applied heads, read on a run's target, once the table exists. */
    Set<String> read(SqlTarget target) throws SQLException {
        return new LinkedHashSet<>(target.query(selectSql()));
    }

    private String selectSql() {
        return "SELECT version_num FROM " + quoted + " ORDER BY 1";
    }

    void create(SqlTarget target) throws SQLException {
        try {
            if (chosenSchema) {
                target.execute(createSchemaSql());
            }
            target.execute(target.live() ? unlessThere(dialect, schema, table, createSql()) : createSql());
        } catch (SQLException e) {
            throw refusedCreate(unusableSchema(e), target.readOnlyConnection());
        }
    }

    /**
     * {@code create}, a {@code CREATE TABLE IF NOT EXISTS} of {@code table} in {@code schema} (null: the schema the
     * connection creates tables in), run only when the table is not there: PostgreSQL asks for the right to create
     * tables in the schema even when it is, which a user who may only write to Retort's tables (made by another)
     * lacks. In a read-only transaction it runs anyway, and its refusal says why nothing can be applied.
     */
    static String unlessThere(Dialect dialect, String schema, String table, String create) {
        String name = schema == null
                ? "quote_ident(current_schema()) || '.' || " + dialect.literal(dialect.quote(table))
                : dialect.literal(dialect.quote(QualifiedName.of(schema, table)));
        return "DO $retort$BEGIN IF to_regclass(" + name + ") IS NULL"
                + " OR current_setting('transaction_read_only') = 'on' THEN " + create + "; END IF; END$retort$";
    }

    /**
     * The server's refusal of Retort's first write, a {@code CREATE TABLE IF NOT EXISTS} that runs even when the
     * table is there, as a sentence that says what to change; any other failure as it is. Without it, a deploy to a
     * standby, or as a user who may not create tables, read as a failed run to investigate with `retort current`.
     */
    private SQLException refusedCreate(SQLException e, boolean readOnlyConnection) {
        String reason = Runner.firstLine(e.getMessage());
        if ("25006".equals(e.getSQLState()) && readOnlyConnection) {
            throw new RetortException("The connection is read-only (" + reason + "): readOnly=true in the JDBC URL, "
                    + "or the read-only setting of the pool the connection came from, makes every transaction read "
                    + "only; remove it, as Retort writes its version table and the migrations' changes.", e);
        }
        if ("25006".equals(e.getSQLState())) {
            throw new RetortException("The database is read-only (" + reason + "): Retort connected to a standby, or "
                    + "default_transaction_read_only is on for the user or the database; connect to the primary, or "
                    + "turn default_transaction_read_only off for the user Retort connects as.", e);
        }
        if ("3F000".equals(e.getSQLState()) && !chosenSchema) {
            // The search path names no schema that exists: a tenant's schema, in the URL's currentSchema, not made.
            throw new RetortException("Retort cannot create its version table " + table + " (" + reason + "): no "
                    + "schema on the connection's search path exists; create the schema the URL's currentSchema (or "
                    + "the user's search_path) names, or set version_table_schema to it, which Retort creates when "
                    + "missing.", e);
        }
        if ("42501".equals(e.getSQLState())) {
            throw new RetortException("Retort cannot create its version table " + table + " (" + reason + "); grant "
                    + "CREATE on that schema to the user Retort connects as, or set version_table_schema to a schema "
                    + "it may create tables in.", e);
        }
        return e;
    }

    /** Writes the change from {@code before} to {@code after}. */
    void change(SqlTarget target, Set<String> before, Set<String> after) throws SQLException {
        for (Change change : changes(before, after)) {
            change.check(target, target.execute(change.sql()));
        }
    }

    /**
     * One statement of a change of heads.
     *
     * @param sql        the statement
     * @param guardedSql the statement with the server checking that it found its row (see {@link #guardedSql()})
     * @param table      the version table, for the message
     * @param removing   the revision whose row it updates or deletes, which must be there; null for an insert
     */
    record Change(String sql, String guardedSql, String table, String removing) {
        /** Fails when the statement found no row to change: another process changed the table meanwhile. */
        void check(SqlTarget target, int count) {
            if (removing != null && target.live() && count != 1) {
                throw gone();
            }
        }

        /** The failure of a change whose row is not there. */
        RetortException gone() {
            return new RetortException("The version table " + table + " no longer holds revision " + removing
                    + ", so another process changed it during this run; run `retort current` and try again.");
        }
    }

    /** The statements that change the rows from {@code before} to {@code after}. */
    List<Change> changes(Set<String> before, Set<String> after) {
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<Change> changes = new ArrayList<>();
        if (removed.size() == 1 && added.size() == 1) {
            changes.add(removing("UPDATE " + quoted + " SET version_num = " + dialect.literal(added.get(0))
                    + " WHERE version_num = " + dialect.literal(removed.get(0)), removed.get(0)));
            return changes;
        }
        for (String rev : removed) {
            changes.add(removing("DELETE FROM " + quoted + " WHERE version_num = " + dialect.literal(rev), rev));
        }
        for (String rev : added) {
            String insert = "INSERT INTO " + quoted + " (version_num) VALUES (" + dialect.literal(rev) + ")";
            changes.add(new Change(insert, insert, table, null));
        }
        return changes;
    }

    /**
     * A change that updates or deletes the row of {@code revision}, with its guarded form: the same statement in a
     * CTE, followed by an insert of a null version when it did not find exactly one row, which the table refuses
     * (not_null_violation). The server then fails the step itself, as it must when steps are sent together and
     * their row counts come back only after later steps have committed. An insert needs no guard: the primary key
     * refuses a row that is there already.
     */
    private Change removing(String sql, String revision) {
        String guarded = "WITH changed AS (" + sql + " RETURNING 1) INSERT INTO " + quoted
                + " (version_num) SELECT NULL WHERE (SELECT count(*) FROM changed) <> 1";
        return new Change(sql, guarded, table, revision);
    }

    /**
     * For a printed script: a statement that fails unless the table holds the rows that a step's change from
     * {@code before} to {@code after} updates or deletes (and locks them until the step's transaction ends), or, for
     * a step that only inserts, none that says the database is past the step: the row of a revision it inserts, or
     * of one that follows it ({@code graph}'s {@link RevisionMap#descendants}). {@code step} names the step in the
     * error ("the upgrade to b3").
     *
     * <p>Printed first in the step's transaction, before its statements: psql without {@code ON_ERROR_STOP} goes on
     * after a failed migration, whose transaction rolled back and left the version row where it was, and without
     * this the next migration ran and committed its statements while its {@code UPDATE} of the version row found no
     * row and said nothing, so that the database held the migration's tables and the version table said it did not.
     * Now that migration's transaction fails at once, and so does every one after it. A live run stops at the first
     * failure, and checks the count of the rows its change found ({@link Change#check}).
     *
     * <p>A step that only inserts (the first revision, or the first of a branch) once checked for its own row
     * alone, which the steps after it move on: a script from base run a second time applied the first migration
     * again and added its row beside the head's, leaving the database at two heads.
     */
    String expectSql(Set<String> before, Set<String> after, String step, RevisionMap graph) {
        List<Change> changes = changes(before, after);
        if (changes.stream().allMatch(change -> change.removing() == null)) {
            return expectNoneSql(before, after, step, graph);
        }
        // Laid out as a person would write it: the script is read before it runs.
        StringBuilder sql = new StringBuilder("DO $retort_check$\nBEGIN\n");
        String where = ", where " + step + " starts: a migration before it failed, or the database is elsewhere "
                + "(see `retort current`); " + step + " is not applied.";
        for (Change change : changes) {
            if (change.removing() != null) {
                sql.append("    PERFORM 1 FROM ").append(quoted).append(" WHERE version_num = ")
                        .append(dialect.literal(change.removing())).append(" FOR UPDATE;\n    IF NOT FOUND THEN\n")
                        .append("        RAISE EXCEPTION USING MESSAGE = ")
                        .append(dialect.literal(quoted + " does not hold revision " + change.removing() + where))
                        .append(";\n    END IF;\n");
            }
        }
        return sql.append("END\n$retort_check$").toString();
    }

    /**
     * The check of a step that only inserts: no row of a revision it inserts, or of one that follows it. A step that
     * moves a row needs no such check, as the row it moves is there only where the step starts.
     */
    private String expectNoneSql(Set<String> before, Set<String> after, String step, RevisionMap graph) {
        StringBuilder sql = new StringBuilder("DO $retort_check$\nDECLARE\n    past varchar(32);\nBEGIN\n");
        for (String rev : after) {
            if (before.contains(rev)) {
                continue;
            }
            List<String> past = graph.descendants(rev).stream().map(dialect::literal).toList();
            sql.append("    SELECT version_num INTO past FROM ").append(quoted).append(" WHERE version_num IN (");
            for (int i = 0; i < past.size(); i++) {
                // Five ids to a line: a revision early in a long history has many descendants.
                sql.append(i == 0 ? "" : i % 5 == 0 ? ",\n        " : ", ").append(past.get(i));
            }
            sql.append(")\n        ORDER BY 1 LIMIT 1;\n    IF FOUND THEN\n        RAISE EXCEPTION USING MESSAGE = ")
                    .append(dialect.literal(quoted + " holds revision ")).append(" || past || ")
                    .append(dialect.literal(", which is " + rev + " or follows it, so the database is not where "
                            + step + " starts: the script ran before, or the database is elsewhere (see `retort "
                            + "current`); " + step + " is not applied."))
                    .append(";\n    END IF;\n");
        }
        return sql.append("END\n$retort_check$").toString();
    }

    /** Replaces every row, for {@code stamp --purge}. */
    void replaceAll(SqlTarget target, Set<String> after) throws SQLException {
        target.execute("DELETE FROM " + quoted);
        for (String rev : after) {
            target.execute("INSERT INTO " + quoted + " (version_num) VALUES (" + dialect.literal(rev) + ")");
        }
    }
}
