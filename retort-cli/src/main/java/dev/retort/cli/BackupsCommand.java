package dev.retort.cli;

import dev.retort.revision.Direction;
import dev.retort.runtime.BackupTable;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code retort backups}: lists the copies {@code --backup} made; {@code drop} and {@code prune} remove them. */
final class BackupsCommand extends Verb {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    BackupsCommand(RetortCommand root) {
        super(root, "backups", "List the data `upgrade --backup` and `downgrade --backup` saved, newest first.",
                "", "Columns: revision, source table, backup table, columns copied (* for the whole table), time; "
                        + "then `downgrade` for a copy a downgrade made, and `gone` for one whose table was dropped by "
                        + "hand. A table in retort_backup without a row in the catalog follows, marked `no catalog "
                        + "row`, with - for what only the catalog knew. Another project's copies on the same database "
                        + "(a tenant with a version table of its own) are neither listed nor dropped.",
                "", "`retort backups drop NAME...` drops copies by name, `retort backups prune --older-than 30d` those "
                        + "made more than 30 days ago.",
                "", "Example:", "  retort backups | grep orders", "  retort backups prune --older-than 30d");
        for (Verb command : List.of(new BackupsDropCommand(root), new BackupsPruneCommand(root))) {
            spec.addSubcommand(command.spec.name(), withStandardOptions(command.spec));
        }
    }

    @Override
    public Integer call() {
        List<BackupTable.Backup> backups = root.retort().backups();
        List<String> uncataloged = root.retort().uncatalogedBackups();
        if (backups.isEmpty() && uncataloged.isEmpty()) {
            root.session.out().println("No backups.");
            return 0;
        }
        for (BackupTable.Backup b : backups) {
            String line = String.join("  ", b.revision(), b.sourceTable(), BackupTable.SCHEMA + "." + b.backupTable(),
                    b.columns().orElse("*"), TIME.format(b.createdAt()));
            line = b.direction() == Direction.DOWNGRADE ? line + "  downgrade" : line;
            root.session.out().println(b.gone() ? line + "  gone" : line);
        }
        for (String table : uncataloged) {
            root.session.out().println(String.join("  ", "-", "-", BackupTable.SCHEMA + "." + table, "-", "-",
                    "no catalog row"));
        }
        return 0;
    }

    /** Prints one line per copy dropped, once per table: several catalog rows may name the same one. */
    static void printDropped(PrintStream out, BackupTable.Dropped dropped) {
        Set<String> lines = new LinkedHashSet<>();
        for (BackupTable.Backup b : dropped.backups()) {
            String name = BackupTable.SCHEMA + "." + b.backupTable();
            lines.add(b.gone() ? "Removed " + name + " from the catalog (its copy was already gone)"
                    : "Dropped " + name);
        }
        dropped.uncataloged().forEach(table -> lines.add("Dropped " + BackupTable.SCHEMA + "." + table
                + " (it had no catalog row)"));
        lines.forEach(out::println);
    }
}
