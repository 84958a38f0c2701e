package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "history", mixinStandardHelpOptions = true, description = "List revisions, newest first.",
        footer = {"", "Examples:", "  retort history", "  retort history -r base:head -v", "  retort history -i"})
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Option(names = {"-r", "--rev-range"}, paramLabel = "LOWER:UPPER", description = "Only revisions in this range.")
    String range;

    @Option(names = {"-v", "--verbose"}, description = "Show each revision in full.")
    boolean verbose;

    @Option(names = {"-i", "--indicate-current"}, description = "Mark the database's current revision(s).")
    boolean indicateCurrent;

    @Override
    public Integer call() {
        Retort retort = root.retort();
        Set<String> current = indicateCurrent ? retort.currentIds() : Set.of();
        RevisionFormat format = new RevisionFormat(retort, current);
        for (Revision r : retort.history(Optional.ofNullable(range))) {
            root.session.out().println(verbose ? format.verbose(r) : format.historyLine(r));
        }
        return 0;
    }
}
