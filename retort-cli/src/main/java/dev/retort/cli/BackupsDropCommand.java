package dev.retort.cli;

import java.util.List;

/** {@code retort backups drop NAME...}: drops copies {@code --backup} made, and their catalog rows. */
final class BackupsDropCommand extends Verb {
    BackupsDropCommand(RetortCommand root) {
        super(root, "drop", "Drop the named copies that --backup made, and their rows in retort_backup.backups.",
                "", "NAME as `retort backups` prints it, with or without retort_backup. in front; one marked `no "
                        + "catalog row` too, a table of retort_backup whose row was deleted. All are dropped in one "
                        + "transaction; a NAME that is no copy drops nothing (exit code 2). Waits while a migration "
                        + "runs, so no downgrade --restore loses a copy it reads.",
                "", "Example:", "  retort backups drop retort_backup.c00000000003_events",
                "  retort backups drop 'retort_backup.c00000000002_Order Items'");
        parameter(List.class, "NAME", "1..*", "A copy's name, as `retort backups` prints it.");
    }

    @Override
    public Integer call() {
        List<String> names = parameter();
        BackupsCommand.printDropped(root.session.out(), root.retort().dropBackups(names));
        return 0;
    }
}
