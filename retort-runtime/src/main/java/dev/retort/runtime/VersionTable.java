package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    /** The table as statements name it: schema-qualified once {@link #in(String)} said where it is. */
    private final String quoted;

    public VersionTable(String table, Dialect dialect) {
        this(table, dialect, null);
    }

    private VersionTable(String table, Dialect dialect, String schema) {
        this.table = table;
        this.dialect = dialect;
        this.quoted = schema == null ? dialect.quote(table) : dialect.quote(QualifiedName.of(schema, table));
    }

    /**
     * This table in {@code schema} (null: wherever the search path finds it), named so by the statements of a run's
     * steps, which a migration's {@code SET search_path} would otherwise send to another schema or to none.
     */
    VersionTable in(String schema) {
        return new VersionTable(table, dialect, schema);
    }

    public String name() {
        return table;
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + quoted + " (version_num varchar(32) NOT NULL, CONSTRAINT "
                + dialect.quote(table + "_pkc") + " PRIMARY KEY (version_num))";
    }

    /** The applied heads; empty when the table does not exist yet. */
    public Set<String> read(Connection connection) throws SQLException {
        Set<String> heads = new LinkedHashSet<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass(" + dialect.literal(dialect.quote(table)) + ")")) {
                if (!exists.next() || exists.getString(1) == null) {
                    return heads;
                }
            }
            try (ResultSet rows = s.executeQuery(selectSql())) {
                while (rows.next()) {
                    heads.add(rows.getString(1));
                }
            }
        }
        return heads;
    }

    /** The applied heads, read on a run's target, once the table exists. */
    Set<String> read(SqlTarget target) throws SQLException {
        return new LinkedHashSet<>(target.query(selectSql()));
    }

    private String selectSql() {
        return "SELECT version_num FROM " + quoted + " ORDER BY 1";
    }

    void create(SqlTarget target) throws SQLException {
        target.execute(createSql());
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

    /** Replaces every row, for {@code stamp --purge}. */
    void replaceAll(SqlTarget target, Set<String> after) throws SQLException {
        target.execute("DELETE FROM " + quoted);
        for (String rev : after) {
            target.execute("INSERT INTO " + quoted + " (version_num) VALUES (" + dialect.literal(rev) + ")");
        }
    }
}
