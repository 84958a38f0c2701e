package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Set;

final class HeadsCommand extends Verb {
    HeadsCommand(RetortCommand root) {
        super(root, "heads", "Show the head revision(s) of the migration files.",
                "", "More than one head means branches to merge.", "", "Example:", "  retort heads -v",
                "  retort heads --check   # in CI", "  retort merge -m \"merge branches\" heads");
        flag("Show each revision in full.", "-v", "--verbose");
        flag("Exit 1 when there is more than one head (for CI: a branch to merge).", "--check");
        flag("Count a dependency as a parent: a revision another depends on is not a head.",
                "--resolve-dependencies");
    }

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        var heads = isSet("--resolve-dependencies") ? retort.resolvedHeads() : retort.heads();
        for (Revision r : heads) {
            root.session.out().println(isSet("--verbose") ? format.verbose(r) : format.shortLine(r));
        }
        if (isSet("--check") && heads.size() > 1) {
            root.session.err().println("retort: " + heads.size() + " heads: merge them with `retort merge -m MESSAGE heads`.");
            return ErrorHandler.FAILURE;
        }
        return 0;
    }
}
