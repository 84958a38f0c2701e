package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import dev.retort.revision.Direction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code retort_history} table: every step ever applied or reverted, with the checksum of its file,
 * who ran it, when and for how long. It is written in the step's own transaction, so it never records a
 * step that did not happen; only a step that failed after its autocommit part committed is recorded as
 * {@code partial}, after the failure.
 */
public final class HistoryTable {
    public static final String NAME = "retort_history";
    /** The direction of a step that failed after committing part of itself. */
    static final String PARTIAL = "partial";
    /**
     * The direction of a mark a step writes as it commits what precedes its autocommit part, deleted when the step
     * ends: one left behind means the run was killed (or lost its connection) after committing part of the step.
     */
    static final String STARTED = "started";
    /** The direction of a revision that {@code stamp} recorded as applied without running it. */
    static final String STAMP = "stamp";
    /** The direction of a partly applied revision that {@code stamp --purge} let go. */
    static final String CLEARED = "cleared";
    private final Dialect dialect;
    /** The schema statements name, or null: wherever the search path finds the table. */
    private final String schema;
    /** The table as the statements of a run's steps name it: schema-qualified once {@link #in(String)} said where. */
    private final String quoted;

    public HistoryTable(Dialect dialect) {
        this(dialect, null);
    }

    private HistoryTable(Dialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
        this.quoted = schema == null ? NAME : dialect.quote(QualifiedName.of(schema, NAME));
    }

    /**
     * This table in {@code schema} (null: wherever the search path finds it), as {@link VersionTable#in(String)}, or
     * in the schema chosen for the version table, which keeps both.
     */
    HistoryTable in(String schema) {
        return new HistoryTable(dialect, schema);
    }

    /**
     * One upgrade as the table last recorded it.
     *
     * @param appliedOn the day it ran, in UTC ({@code 2026-12-04}): all a warning shows, and read as text because
     *                  every {@code upgrade} reads this for every applied revision, where the driver's parsing of
     *                  300 timestamps took about 3 ms
     */
    public record Applied(String revision, String checksum, String appliedOn) {
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + quoted + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "revision varchar(32) NOT NULL, direction varchar(9) NOT NULL, checksum char(64), "
                + "os_user text, db_user text NOT NULL DEFAULT current_user, "
                + "applied_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint)";
    }

    void create(SqlTarget target) throws SQLException {
        target.execute(target.live() ? VersionTable.unlessThere(dialect, schema, NAME, createSql()) : createSql());
    }

    /** Records a step; {@code durationMillis} is null when unknown (printed SQL). */
    void record(SqlTarget target, String revision, Direction direction, String checksum, Long durationMillis)
            throws SQLException {
        target.execute(recordSql(revision, direction, checksum, durationMillis));
    }

    /** The statement of {@link #record}. */
    String recordSql(String revision, Direction direction, String checksum, Long durationMillis) {
        return recordSql(revision, direction, checksum, durationMillis == null ? "NULL" : durationMillis.toString());
    }

    /**
     * Records a step whose length the server measures, from {@code started} (an SQL expression of the step's
     * start) to this row: for steps sent together, whose own times the client never sees.
     */
    String recordTimedByServerSql(String revision, Direction direction, String checksum, String started) {
        return recordSql(revision, direction, checksum,
                "(extract(epoch FROM clock_timestamp() - " + started + ") * 1000)::bigint");
    }

    private String recordSql(String revision, Direction direction, String checksum, String durationMillis) {
        return "INSERT INTO " + quoted + " (revision, direction, checksum, os_user, duration_ms) VALUES ("
                + dialect.literal(revision) + ", " + dialect.literal(direction.name().toLowerCase(java.util.Locale.ROOT))
                + ", " + dialect.literal(checksum) + ", " + dialect.literal(OsUser.NAME) + ", "
                + durationMillis + ")";
    }

    /**
     * An SQL expression: the transaction that last recorded the upgrade of {@code revision}, as the {@code xmin} of
     * its row; null when none did (a stamped revision). What a step creates in its transaction carries the same.
     */
    String lastUpgradeTransactionSql(String revision) {
        return "(SELECT h.xmin FROM " + quoted + " h WHERE h.revision = " + dialect.literal(revision)
                + " AND h.direction = " + dialect.literal(Direction.UPGRADE.name().toLowerCase(java.util.Locale.ROOT))
                + " ORDER BY h.id DESC LIMIT 1)";
    }

    /**
     * An SQL condition: {@code time} (a {@code now()} default of some row) falls within the latest upgrade of
     * {@code revision}: after what the history recorded of the revision before it (its downgrade, a stamp) and at the
     * latest at that upgrade's own row. A step that commits part of itself before an autocommit part wrote that part
     * earlier than its row, and a failed run's part (a {@code partial} row) before the run that completed it; what an
     * earlier upgrade wrote came before the downgrade that followed it. False when the revision's last recorded change
     * is no upgrade (a stamp since) or none was recorded.
     */
    String duringLastUpgradeSql(String revision, String time) {
        String ofRevision = " h WHERE h.revision = " + dialect.literal(revision) + " AND h.direction NOT IN ("
                + dialect.literal(PARTIAL) + ", " + dialect.literal(STARTED) + ")";
        String lastChange = "(SELECT max(h.id) FROM " + quoted + ofRevision + ")";
        return time + " <= (SELECT h.applied_at FROM " + quoted + ofRevision + " AND h.id = " + lastChange
                + " AND h.direction = 'upgrade')"
                + " AND " + time + " > coalesce((SELECT h.applied_at FROM " + quoted + ofRevision + " AND h.id < "
                + lastChange + " ORDER BY h.id DESC LIMIT 1), '-infinity')";
    }

    /** The mark of a step about to commit part of itself (see {@link #STARTED}). */
    String startedSql(String revision, String checksum) {
        return markSql(revision, STARTED, checksum);
    }

    /**
     * Turns the marks of {@link #startedSql} that a stopped run left into what a failure records, {@code partial}, as
     * a run starts the step again: the history keeps that the stopped run committed part of it, and what that run
     * copied with --backup stays apart from what this one copies ({@link #attemptsAfterSql}).
     */
    String stoppedBeforeSql(String revision) {
        return "UPDATE " + quoted + " SET direction = " + dialect.literal(PARTIAL) + " WHERE revision = "
                + dialect.literal(revision) + " AND direction = " + dialect.literal(STARTED);
    }

    /**
     * An SQL expression: how many runs of {@code revision} failed or were stopped at or after {@code time} (the
     * {@code now()} of a copy), after committing part of the step. A copy of a later run of the step comes first:
     * an earlier run that failed before its autocommit part dropped what it copied left the data in place, and the
     * application may have changed it since.
     */
    String attemptsAfterSql(String revision, String time) {
        return "(SELECT count(*) FROM " + quoted + " h WHERE h.revision = " + dialect.literal(revision)
                + " AND h.direction IN (" + dialect.literal(PARTIAL) + ", " + dialect.literal(STARTED)
                + ") AND h.applied_at >= " + time + ")";
    }

    /**
     * Moves the mark of {@link #startedSql} to now, as the step enters another autocommit part: a run stopped there
     * leaves the copies it made for that part older than the mark ({@link #attemptsAfterSql}).
     */
    String restampStartedSql(String revision) {
        return "UPDATE " + quoted + " SET applied_at = now() WHERE revision = " + dialect.literal(revision)
                + " AND direction = " + dialect.literal(STARTED);
    }

    /** Deletes the marks of {@link #startedSql}, once the step they mark has finished. */
    String clearStartedSql(String revision) {
        return "DELETE FROM " + quoted + " WHERE revision = " + dialect.literal(revision) + " AND direction = "
                + dialect.literal(STARTED);
    }

    /**
     * The row that records that a failed step left part of itself committed (what its autocommit part and the
     * statements before it did), so that {@code retort current} can say so until the revision runs again.
     */
    String partialSql(String revision, String checksum) {
        return markSql(revision, PARTIAL, checksum);
    }

    /**
     * The rows of a stamp: {@code stamp} for each revision it recorded as applied, with the checksum of its file
     * (null when there is none), and {@code cleared} for each partly applied revision that a {@code --purge} let go
     * (one the version table does not list, whose file may be gone). Either ends the warning that the revision is
     * partly applied: the user has said where the database stands. The checksum is what an upgrade records: a file
     * edited after its stamp is drift, as one edited after its upgrade.
     */
    List<String> stampSql(Map<String, String> stamped, Set<String> cleared) {
        List<String> rows = new ArrayList<>();
        stamped.forEach((revision, checksum) -> rows.add(markSql(revision, STAMP, checksum)));
        cleared.forEach(revision -> rows.add(markSql(revision, CLEARED, null)));
        return rows;
    }

    /** A row that is not a step that ran (a partial one, a mark, a stamp): no duration; a checksum when known. */
    private String markSql(String revision, String direction, String checksum) {
        return "INSERT INTO " + quoted + " (revision, direction, checksum, os_user) VALUES ("
                + dialect.literal(revision) + ", " + dialect.literal(direction) + ", " + dialect.literal(checksum)
                + ", " + dialect.literal(OsUser.NAME) + ")";
    }

    /**
     * The revisions whose latest record is a partial step (not a later run of it, nor a stamp), with when it failed;
     * empty without the table. {@code withStarted}: a step's mark of its autocommit part counts too (not while a run
     * is executing steps, which may be that step).
     */
    Map<String, OffsetDateTime> partial(Connection connection, boolean withStarted) throws SQLException {
        Map<String, OffsetDateTime> partial = new LinkedHashMap<>();
        if (!exists(connection)) {
            return partial;
        }
        String isPartial = "direction IN (" + dialect.literal(PARTIAL)
                + (withStarted ? ", " + dialect.literal(STARTED) : "") + ")";
        String latest = "SELECT DISTINCT ON (revision) revision, direction, applied_at, id FROM " + quoted
                + " WHERE revision IN (SELECT revision FROM " + quoted + " WHERE " + isPartial
                + ") ORDER BY revision, id DESC";
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT revision, applied_at FROM (" + latest + ") latest WHERE " + isPartial
                        + " ORDER BY id")) {
            while (rs.next()) {
                partial.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
            }
        }
        return partial;
    }

    /**
     * Whether Retort has run a migration in this database (or its chosen schema), in either direction, whole or in
     * part. A stamp runs none: a {@code stamp base} at base makes the table and records nothing, and a stamp undone
     * with {@code stamp --purge base} leaves only stamp rows.
     */
    boolean recordsRuns(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return false;
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT FROM " + quoted + " WHERE direction NOT IN ("
                        + dialect.literal(STAMP) + ", " + dialect.literal(CLEARED) + "))")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private boolean exists(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass(" + dialect.literal(quoted) + ")")) {
            return rs.next() && rs.getString(1) != null;
        }
    }

    /**
     * The latest upgrade or stamp of each revision, whose checksum is that of the file as it ran or was stamped (null
     * for a stamp made before stamps recorded one); empty when the table does not exist yet.
     */
    public Map<String, Applied> lastUpgrades(Connection connection) throws SQLException {
        return lastUpgrades(latest(connection));
    }

    /** The latest upgrade or stamp of each revision in {@code latest}, as {@link #lastUpgrades(Connection)}. */
    public static Map<String, Applied> lastUpgrades(Map<String, Latest> latest) {
        Map<String, Applied> applied = new LinkedHashMap<>();
        latest.values().stream().filter(l -> l.applied() != null).forEach(l -> applied.put(l.revision(),
                new Applied(l.revision(), l.applied().checksum(), l.applied().on())));
        return applied;
    }

    /**
     * One row of the table.
     *
     * @param id        the order rows were written in
     * @param direction {@code upgrade}, {@code stamp}, {@code downgrade} or {@code cleared}
     * @param on        the day it was written, in UTC
     */
    public record Row(long id, String direction, String checksum, String on) {
        /** Whether this is a stamp: the revision was recorded as applied without running. */
        public boolean isStamp() {
            return direction.equals(STAMP);
        }

        /** Whether this is a stamp that recorded no checksum: one of an older Retort, which stamped the target only. */
        public boolean isStampWithoutChecksum() {
            return direction.equals(STAMP) && checksum == null;
        }
    }

    /**
     * What the table last recorded of a revision.
     *
     * @param applied  its latest upgrade or stamp, or null when none
     * @param reverted its latest downgrade or clearing by {@code stamp --purge}, or null when none
     */
    public record Latest(String revision, Row applied, Row reverted) {
        /** Whether the latest of these records says the revision is in the database: an upgrade or stamp. */
        public boolean saysApplied() {
            return applied != null && (reverted == null || applied.id() > reverted.id());
        }

        /** The id of the latest downgrade or clearing, 0 when none: records after it are of the revision as it is. */
        public long revertedId() {
            return reverted == null ? 0 : reverted.id();
        }
    }

    /**
     * What the table last recorded of each revision that it recorded an upgrade, stamp, downgrade or clearing of;
     * empty when the table does not exist yet.
     */
    public Map<String, Latest> latest(Connection connection) throws SQLException {
        Map<String, Latest> latest = new LinkedHashMap<>();
        if (!exists(connection)) {
            return latest;
        }
        String applied = "h.direction IN ('upgrade', " + dialect.literal(STAMP) + ")";
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT ON (h.revision, " + applied + ") h.revision, " + applied
                        + ", h.id, h.direction, h.checksum, to_char(h.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
                        + "FROM " + quoted + " h WHERE h.direction IN ('upgrade', 'downgrade', "
                        + dialect.literal(STAMP) + ", "
                        + dialect.literal(CLEARED) + ") ORDER BY h.revision, " + applied + ", h.id DESC")) {
            while (rs.next()) {
                String revision = rs.getString(1);
                Row row = new Row(rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6));
                Latest before = latest.getOrDefault(revision, new Latest(revision, null, null));
                latest.put(revision, rs.getBoolean(2) ? new Latest(revision, row, before.reverted())
                        : new Latest(revision, before.applied(), row));
            }
        }
        return latest;
    }
}
