package dev.retort.cli;

import dev.retort.runtime.BackupTable;
import java.time.format.DateTimeFormatter;
import java.util.List;

final class BackupsCommand extends Verb {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    BackupsCommand(RetortCommand root) {
        super(root, "backups", "List the data `upgrade --backup` saved in schema retort_backup, newest first.",
                "", "Columns: revision, source table, backup table, columns copied (* for the whole table), time.",
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
            root.session.out().println(String.join("  ", b.revision(), b.sourceTable(), "retort_backup." + b.backupTable(),
                    b.columns().orElse("*"), TIME.format(b.createdAt())));
        }
        return 0;
    }
}
