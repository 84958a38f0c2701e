package dev.retort.cli;

import dev.retort.revision.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Apply migrations up to TARGET (default: head).",
        footer = {"", "TARGET: head, heads, a revision id or unique prefix (4+ characters), +N, REV+N, LABEL@head.",
            "", "Examples:", "  retort upgrade head", "  retort upgrade +1", "  retort upgrade --sql base:head > upgrade.sql",
            "  retort upgrade head --backup"})
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = "head", description = "Where to go (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--sql", description = "Print the SQL instead of running it (offline; TARGET may be FROM:TO).")
    boolean sql;

    @Option(names = "--backup", description = "Before each step that drops a table or column or changes a column's type, "
            + "copy the data it loses into schema retort_backup (see `retort backups`).")
    boolean backup;

    @Override
    public Integer call() {
        if (sql) {
            root.retort().upgradeSql(target, backup, root.session.out());
            return 0;
        }
        root.retort().drift().forEach(d -> root.session.err().println("warning: " + d.describe() + "."));
        Plan plan = root.retort().upgrade(target, backup);
        Outcome.report(root.session.err(), plan, "upgrade", root.progress().elapsed());
        return 0;
    }
}
