package dev.retort.runtime;

import dev.retort.revision.Direction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code retort_backup.backups}: the data {@code --backup} saved before steps that lose it. */
public final class BackupTable {
    /** The catalog's name, schema-qualified. */
    public static final String NAME = Backups.CATALOG;

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
     */
    public record Backup(String revision, String sourceTable, String backupTable, Optional<String> columns,
                         OffsetDateTime createdAt, Direction direction) {
    }

    /** Every backup, newest first; empty when no backup was ever made. */
    public static List<Backup> list(Connection connection) throws SQLException {
        List<Backup> backups = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('" + NAME + "')")) {
                if (!exists.next() || exists.getString(1) == null) {
                    return backups;
                }
            }
            // A catalog no downgrade wrote to since Retort backed up downgrades has no direction: all upgrades.
            try (ResultSet rs = s.executeQuery("SELECT revision, source_table, backup_table, columns, created_at, "
                    + "to_jsonb(b) ->> 'direction' FROM " + NAME + " b ORDER BY created_at DESC, id DESC")) {
                while (rs.next()) {
                    Direction direction = "downgrade".equals(rs.getString(6)) ? Direction.DOWNGRADE : Direction.UPGRADE;
                    backups.add(new Backup(rs.getString(1), rs.getString(2), rs.getString(3),
                            Optional.ofNullable(rs.getString(4)), rs.getObject(5, OffsetDateTime.class), direction));
                }
            }
        }
        return backups;
    }
}
