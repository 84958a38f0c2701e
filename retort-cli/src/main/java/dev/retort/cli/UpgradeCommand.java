package dev.retort.cli;

import dev.retort.revision.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Apply migrations up to TARGET (default: head).",
        footer = {"", "TARGET: head, heads, a revision id or unique prefix (4+ characters), +N, REV+N, LABEL@head.",
            "", "Examples:", "  retort upgrade head", "  retort upgrade +1", "  retort upgrade --sql base:head > upgrade.sql"})
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = "head", description = "Where to go (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--sql", description = "Print the SQL instead of running it (offline; TARGET may be FROM:TO).")
    boolean sql;

    @Override
    public Integer call() {
        if (sql) {
            root.retort().upgradeSql(target, root.session.out());
            return 0;
        }
        root.retort().drift().forEach(d -> root.session.err().println("warning: " + d.describe() + "."));
        Plan plan = root.retort().upgrade(target);
        Outcome.report(root.session.err(), plan, "upgrade", root.progress().elapsed());
        return 0;
    }
}
