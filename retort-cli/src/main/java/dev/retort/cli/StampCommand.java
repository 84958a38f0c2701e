package dev.retort.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "stamp", mixinStandardHelpOptions = true, description = "Set the version table to REV without running any migration.",
        footer = {"", "Use it for a database whose schema was made another way.", "", "Examples:",
            "  retort stamp head", "  retort stamp --purge 1a2b3c4d5e6f"})
final class StampCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV", description = "The revision to record (head, base, an id...).")
    String revision;

    @Option(names = "--purge", description = "Empty the version table first, even if it names unknown revisions.")
    boolean purge;

    @Option(names = "--sql", description = "Print the SQL instead of running it (offline; REV may be FROM:TO).")
    boolean sql;

    @Override
    public Integer call() {
        if (sql) {
            root.retort().stampSql(revision, purge, root.session.out());
            return 0;
        }
        Set<String> heads = root.retort().stamp(revision, purge);
        root.session.err().println("Stamped the database at " + (heads.isEmpty() ? "base" : String.join(", ", heads)) + ".");
        return 0;
    }
}
