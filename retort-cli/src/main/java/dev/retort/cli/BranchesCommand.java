package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "branches", mixinStandardHelpOptions = true,
        description = "Show the revisions where history branches, and their branches.",
        footer = {"", "Example:", "  retort branches -v"})
final class BranchesCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Show each branch point in full.")
    boolean verbose;

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        for (Revision point : retort.branchPoints()) {
            root.session.out().println(verbose ? format.verbose(point) : format.historyLine(point));
            String indent = " ".repeat(point.id().length() + 1);
            for (Revision child : retort.children(point.id())) {
                root.session.out().println(indent + "-> " + format.historyLine(child).substring(
                        format.historyLine(child).indexOf("-> ") + 3));
            }
        }
        return 0;
    }
}
