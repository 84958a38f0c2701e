package dev.retort.cli;

import dev.retort.revision.Direction;
import dev.retort.runtime.BackupTable;
import java.time.format.DateTimeFormatter;
import java.util.List;

final class BackupsCommand extends Verb {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    BackupsCommand(RetortCommand root) {
        super(root, "backups", "List the data `upgrade --backup` and `downgrade --backup` saved, newest first.",
                "", "Columns: revision, source table, backup table, columns copied (* for the whole table), time;",
                "then `downgrade` for a copy a downgrade made.",
                "", "Example:", "  retort backups | grep orders");
    }

    @Override
    public Integer call() {
        List<BackupTable.Backup> backups = root.retort().backups();
        if (backups.isEmpty()) {
            root.session.out().println("No backups.");
            return 0;
        }
        for (BackupTable.Backup b : backups) {
            String line = String.join("  ", b.revision(), b.sourceTable(), "retort_backup." + b.backupTable(),
                    b.columns().orElse("*"), TIME.format(b.createdAt()));
            root.session.out().println(b.direction() == Direction.DOWNGRADE ? line + "  downgrade" : line);
        }
        return 0;
    }
}
