package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "show", mixinStandardHelpOptions = true, description = "Show one revision in full.",
        footer = {"", "Examples:", "  retort show head", "  retort show 1a2b"})
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV", description = "A revision id, unique prefix, head, or label.")
    String revision;

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        for (Revision r : retort.show(revision)) {
            root.session.out().println(format.verbose(r));
        }
        return 0;
    }
}
