package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "current", mixinStandardHelpOptions = true, description = "Show the revision(s) the database is at.",
        footer = {"", "Prints nothing when no migration has been applied.", "", "Example:", "  retort current -v"})
final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Show each revision in full.")
    boolean verbose;

    @Override
    public Integer call() {
        Retort retort = root.retort();
        List<Revision> current = retort.current();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        for (Revision r : current) {
            root.session.out().println(verbose ? format.verbose(r) : format.shortLine(r));
        }
        if (verbose) {
            retort.drift().forEach(d -> root.session.err().println("warning: " + d.describe() + "."));
        }
        return 0;
    }
}
