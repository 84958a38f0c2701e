package dev.retort.cli;

import dev.retort.config.BackupMode;
import dev.retort.revision.Plan;

final class DowngradeCommand extends Verb {
    DowngradeCommand(RetortCommand root) {
        super(root, "downgrade", "Revert migrations down to TARGET.",
                "", "TARGET: -N, a revision id or unique prefix, base (revert everything), REV-N,",
                "  LABEL@-N or REV@-N (that branch only), LABEL@base (that branch's line, down",
                "  to base; see docs/targets.md).",
                "", "Examples:", "  retort downgrade -1", "  retort downgrade 1a2b3c4d5e6f",
                "  retort downgrade --sql head:base",
                "  retort downgrade -1 --backup", "  retort downgrade -1 --restore");
        parameter(String.class, "TARGET", "1", "Where to go back to.");
        flag("Print the SQL instead of running it (offline; TARGET must be FROM:TO).", "--sql");
        spec.addOption(BackupOption.of("downgrading"));
        flag("Put back what each reverted revision's latest `upgrade --backup` saved, right after the downgrade makes "
                + "the table or column again: a dropped table's rows, a dropped column's values (by primary key). "
                + "Retyped columns, and tables the downgrade fills itself, are not put back; see docs/backups.md.",
                "--restore");
    }

    @Override
    public Integer call() {
        String target = parameter();
        BackupMode backup = BackupOption.chosen(spec, root.config().backup(), isSet("--sql"));
        if (isSet("--sql")) {
            root.retort().downgradeSql(target, backup, isSet("--restore"), root.session.out());
            return 0;
        }
        Plan plan = root.retort().downgrade(target, backup, isSet("--restore"));
        Outcome.report(root.session.err(), plan, "downgrade", root.progress().elapsed());
        return 0;
    }
}
