package dev.retort.cli;

import dev.retort.revision.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "downgrade", mixinStandardHelpOptions = true, description = "Revert migrations down to TARGET.",
        footer = {"", "TARGET: -N, a revision id or unique prefix, base (revert everything), REV-N, LABEL@-N.",
            "", "Examples:", "  retort downgrade -1", "  retort downgrade 1a2b3c4d5e6f", "  retort downgrade --sql head:base"})
final class DowngradeCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "TARGET", description = "Where to go back to.")
    String target;

    @Option(names = "--sql", description = "Print the SQL instead of running it (offline; TARGET must be FROM:TO).")
    boolean sql;

    @Override
    public Integer call() {
        if (sql) {
            root.retort().downgradeSql(target, root.session.out());
            return 0;
        }
        Plan plan = root.retort().downgrade(target);
        Outcome.report(root.session.err(), plan, "downgrade", root.progress().elapsed());
        return 0;
    }
}
