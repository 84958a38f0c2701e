package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.revision.Direction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code retort_backup.backups}: the data {@code --backup} saved before steps that lose it; drops copies. The
 * catalog is the database's, shared by every project (a tenant per schema) whose version table is there: each reads
 * and drops the copies of its own runs ({@link BackupOwner}), and those of an earlier Retort, which name no project.
 */
public final class BackupTable {
    /** The catalog's name, schema-qualified. */
    public static final String NAME = Backups.CATALOG;
    /** The schema that holds the copies. */
    public static final String SCHEMA = Backups.SCHEMA;
    /** The catalog's own name in {@link #SCHEMA}: the one table there that is no copy. */
    private static final String CATALOG_TABLE = NAME.substring(SCHEMA.length() + 1);
    // A catalog no downgrade wrote to since Retort backed up downgrades has no direction: all upgrades.
    private static final String COLUMNS = "revision, source_table, backup_table, columns, created_at, "
            + "to_jsonb(b) ->> 'direction', NOT " + Backups.present("b");

    private BackupTable() {
    }

    /**
     * One saved copy.
     *
     * @param revision the revision whose upgrade, or downgrade, dropped or rewrote the data
     * @param sourceTable the table the data came from, as the migration named it
     * @param backupTable the copy's table name in schema {@code retort_backup}
     * @param columns the columns copied (primary key first, then the lost column); empty for the whole table
     * @param createdAt when the copy was made
     * @param direction which way the step that made the copy went
     * @param gone whether the catalog names a table that is no longer there (dropped by hand)
     */
    public record Backup(String revision, String sourceTable, String backupTable, Optional<String> columns,
                         OffsetDateTime createdAt, Direction direction, boolean gone) {
    }

    /** A copy that could not be dropped, and why (the server's error and its SQL state). */
    public static final class DropFailure extends SQLException {
        private final String backupTable;

        DropFailure(String backupTable, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.backupTable = backupTable;
        }

        /** The copy's name in {@link #SCHEMA}. */
        public String backupTable() {
            return backupTable;
        }
    }

    /**
     * What a drop removes, or removed.
     *
     * @param backups catalog rows, newest first, each with its table
     * @param uncataloged tables in {@link #SCHEMA} that no catalog row names, by name
     */
    public record Dropped(List<Backup> backups, List<String> uncataloged) {
        public Dropped {
            backups = List.copyOf(backups);
            uncataloged = List.copyOf(uncataloged);
        }

        /** Catalog rows alone. */
        public static Dropped of(List<Backup> backups) {
            return new Dropped(backups, List.of());
        }
    }

    /** Picks the copies to drop. */
    public interface Choice {
        /**
         * What to drop of {@code catalog} (every row of the project's, newest first) and of {@code uncataloged} (the
         * tables in {@link #SCHEMA} that no row names, the catalog aside); {@code others} are the copies of other
         * projects on the database, each with the version table of the run that made it, which cannot be chosen;
         * {@code now} is the server's time. May throw to drop nothing.
         */
        Dropped chosen(List<Backup> catalog, List<String> uncataloged, Map<String, String> others,
                OffsetDateTime now);
    }

    /** Every backup of {@code owner}'s runs, newest first; empty when no backup was ever made. */
    public static List<Backup> list(Connection connection, BackupOwner owner) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return exists(s) ? read(s, " WHERE " + owner.owns("b"), "") : new ArrayList<>();
        }
    }

    /**
     * The tables in {@link #SCHEMA} that no catalog row names (a row deleted by hand, or never written by an older
     * Retort), the catalog itself aside, by name; all of them when there is no catalog.
     */
    public static List<String> uncataloged(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return uncataloged(s, exists(s));
        }
    }

    private static List<String> uncataloged(Statement s, boolean cataloged) throws SQLException {
        List<String> names = new ArrayList<>();
        // Plain tables, what CREATE TABLE AS makes: a view or a sequence someone put there is not taken for a copy.
        try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                + "c.relnamespace WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r' AND c.relname <> '"
                + CATALOG_TABLE + "'" + (cataloged ? " AND NOT EXISTS (SELECT 1 FROM " + NAME + " b WHERE "
                + "b.backup_table = c.relname::text)" : "") + " ORDER BY c.relname COLLATE \"C\"")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The copies of other projects than {@code owner}'s, by name, each with the version table of its run. */
    private static Map<String, String> others(Statement s, BackupOwner owner) throws SQLException {
        Map<String, String> others = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT backup_table, to_jsonb(b) ->> '" + BackupOwner.COLUMN + "' FROM "
                + NAME + " b WHERE NOT " + owner.owns("b") + " ORDER BY created_at DESC, id DESC")) {
            while (rs.next()) {
                others.putIfAbsent(rs.getString(1), rs.getString(2));
            }
        }
        return others;
    }

    private static boolean exists(Statement s) throws SQLException {
        try (ResultSet exists = s.executeQuery("SELECT to_regclass('" + NAME + "')")) {
            return exists.next() && exists.getString(1) != null;
        }
    }

    private static List<Backup> read(Statement s, String where, String lock) throws SQLException {
        List<Backup> backups = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + NAME + " b" + where + " ORDER BY "
                + "created_at DESC, id DESC" + lock)) {
            while (rs.next()) {
                Direction direction = "downgrade".equals(rs.getString(6)) ? Direction.DOWNGRADE : Direction.UPGRADE;
                backups.add(new Backup(rs.getString(1), rs.getString(2), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), rs.getObject(5, OffsetDateTime.class), direction,
                        rs.getBoolean(7)));
            }
        }
        return backups;
    }

    /**
     * Drops the copies {@code choice} picks of {@code owner}'s, and their catalog rows, in one transaction on {@code
     * connection}, which must hold the run's lock so that no {@code --restore} reads a copy meanwhile; returns them.
     * With no catalog, {@code choice} sees no row; it never sees another project's, whose runs take another lock. A
     * row whose copy was dropped by hand is gone, also when an earlier Retort gave its name to a newer copy: only the
     * row goes, and the table stays for the newer row. A table that another row not chosen names is kept all the
     * same. Of the tables without a row, only those {@code choice} was offered can go: never the catalog.
     */
    public static Dropped drop(Connection connection, Dialect dialect, BackupOwner owner, Choice choice,
            String lockTimeout) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            // A copy another session is reading waits that long, not for ever while every run queues behind the lock.
            s.execute("SET LOCAL lock_timeout = " + dialect.literal(lockTimeout));
            OffsetDateTime now;
            try (ResultSet rs = s.executeQuery("SELECT now()")) {
                rs.next();
                now = rs.getObject(1, OffsetDateTime.class);
            }
            boolean cataloged = exists(s);
            List<Backup> catalog = cataloged ? read(s, "", " FOR UPDATE") : List.of();
            List<Backup> owned = cataloged ? read(s, " WHERE " + owner.owns("b"), "") : List.of();
            List<String> uncataloged = uncataloged(s, cataloged);
            Dropped picked = choice.chosen(owned, uncataloged, cataloged ? others(s, owner) : Map.of(), now);
            List<Backup> chosen = picked.backups();
            Set<String> kept = new LinkedHashSet<>();
            // Another project's rows count too: a table one of them names stays. A row that is gone names none, also
            // when a newer copy has its name.
            catalog.stream().filter(b -> !chosen.contains(b) && !b.gone()).forEach(b -> kept.add(b.backupTable()));
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + NAME + " WHERE revision = ? "
                    + "AND backup_table = ? AND created_at = ?")) {
                for (Backup b : chosen) {
                    if (!b.gone() && !kept.contains(b.backupTable())) {
                        try {
                            s.execute("DROP TABLE IF EXISTS " + SCHEMA + "." + dialect.quote(b.backupTable()));
                        } catch (SQLException e) {
                            throw new DropFailure(b.backupTable(), e);
                        }
                    }
                    delete.setString(1, b.revision());
                    delete.setString(2, b.backupTable());
                    delete.setObject(3, b.createdAt());
                    delete.executeUpdate();
                }
            }
            for (String table : picked.uncataloged()) {
                if (!uncataloged.contains(table)) {
                    throw new IllegalArgumentException(SCHEMA + "." + table + " is no table without a catalog row");
                }
                try {
                    s.execute("DROP TABLE " + SCHEMA + "." + dialect.quote(table));
                } catch (SQLException e) {
                    throw new DropFailure(table, e);
                }
            }
            connection.commit();
            // A row whose name a newer copy took: its own table was dropped by hand before, as for a gone one.
            return new Dropped(chosen.stream().map(b -> kept.contains(b.backupTable()) && !b.gone() ? new Backup(
                    b.revision(), b.sourceTable(), b.backupTable(), b.columns(), b.createdAt(), b.direction(), true)
                    : b).toList(), picked.uncataloged());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
