package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "heads", mixinStandardHelpOptions = true, description = "Show the head revision(s) of the migration files.",
        footer = {"", "More than one head means branches to merge.", "", "Example:", "  retort heads -v",
            "  retort merge -m \"merge branches\" heads"})
final class HeadsCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Show each revision in full.")
    boolean verbose;

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        for (Revision r : retort.heads()) {
            root.session.out().println(verbose ? format.verbose(r) : format.shortLine(r));
        }
        return 0;
    }
}
