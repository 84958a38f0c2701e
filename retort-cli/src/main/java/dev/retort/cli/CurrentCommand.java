package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.List;
import java.util.Set;

final class CurrentCommand extends Verb {
    CurrentCommand(RetortCommand root) {
        super(root, "current", "Show the revision(s) the database is at.",
                "", "Prints nothing when no migration has been applied (and, on stderr, names the",
                "version table of Flyway, Liquibase or Alembic when it finds one there).", "", "Example:",
                "  retort current -v");
        flag("Show the database's URL and each revision in full.", "-v", "--verbose");
    }

    @Override
    public Integer call() {
        Retort retort = root.retort();
        List<Revision> current = retort.current();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        boolean verbose = isSet("--verbose");
        if (verbose) {
            root.session.out().println("Current revision(s) for " + retort.databaseUrl() + ":");
        }
        for (Revision r : current) {
            root.session.out().println(verbose ? format.verbose(r) : format.shortLine(r));
        }
        if (verbose) {
            retort.drift().forEach(d -> root.session.err().println("warning: " + d.describe() + "."));
        }
        return 0;
    }
}
