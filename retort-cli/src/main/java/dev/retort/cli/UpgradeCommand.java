package dev.retort.cli;

import dev.retort.config.BackupMode;
import dev.retort.revision.Plan;
import picocli.CommandLine.Model.PositionalParamSpec;

final class UpgradeCommand extends Verb {
    UpgradeCommand(RetortCommand root) {
        super(root, "upgrade", "Apply migrations up to TARGET (default: head).",
                "", "TARGET: head, heads, a revision id or unique prefix (4+ characters), +N, REV+N, LABEL@head.",
                "", "Examples:", "  retort upgrade head", "  retort upgrade +1",
                "  retort upgrade --sql base:head > upgrade.sql", "  retort upgrade head --backup",
                "  retort upgrade head --backup=dump", "  retort upgrade head --backup=none");
        spec.addPositional(PositionalParamSpec.builder().type(String.class).paramLabel("TARGET").arity("0..1")
                .defaultValue("head").description("Where to go (default: ${DEFAULT-VALUE}).").build());
        flag("Print the SQL instead of running it (offline; TARGET may be FROM:TO).", "--sql");
        spec.addOption(BackupOption.of("upgrading"));
    }

    @Override
    public Integer call() {
        String target = parameter();
        BackupMode backup = BackupOption.chosen(spec, root.config().backup(), isSet("--sql"));
        if (isSet("--sql")) {
            root.retort().upgradeSql(target, backup, root.session.out());
            return 0;
        }
        Plan plan = root.retort().upgrade(target, backup, d -> {
            root.endProgressLine();
            root.session.err().println("warning: " + d.describe() + ".");
        });
        Outcome.report(root.session.err(), plan, "upgrade", root.progress().elapsed());
        return 0;
    }
}
