package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "heads", mixinStandardHelpOptions = true, description = "Show the head revision(s) of the migration files.",
        footer = {"", "More than one head means branches to merge.", "", "Example:", "  retort heads -v", "  retort heads --check   # in CI",
            "  retort merge -m \"merge branches\" heads"})
final class HeadsCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Show each revision in full.")
    boolean verbose;

    @Option(names = "--check", description = "Exit 1 when there is more than one head (for CI: a branch to merge).")
    boolean check;

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        var heads = retort.heads();
        for (Revision r : heads) {
            root.session.out().println(verbose ? format.verbose(r) : format.shortLine(r));
        }
        if (check && heads.size() > 1) {
            root.session.err().println("retort: " + heads.size() + " heads: merge them with `retort merge -m MESSAGE heads`.");
            return ErrorHandler.FAILURE;
        }
        return 0;
    }
}
