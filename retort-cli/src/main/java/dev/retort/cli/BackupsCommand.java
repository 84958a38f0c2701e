package dev.retort.cli;

import dev.retort.runtime.BackupTable;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "backups", mixinStandardHelpOptions = true,
        description = "List the data `upgrade --backup` saved in schema retort_backup, newest first.",
        footer = {"", "Columns: revision, source table, backup table, columns copied (* for the whole table), time.",
            "", "Example:", "  retort backups | grep orders"})
final class BackupsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    @ParentCommand
    RetortCommand root;

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
