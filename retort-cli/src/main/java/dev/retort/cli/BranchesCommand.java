package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Set;

final class BranchesCommand extends Verb {
    BranchesCommand(RetortCommand root) {
        super(root, "branches", "Show the revisions where history branches, and their branches.",
                "", "Example:", "  retort branches -v");
        flag("Show each branch point in full.", "-v", "--verbose");
    }

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        for (Revision point : retort.branchPoints()) {
            root.session.out().println(isSet("--verbose") ? format.verbose(point) : format.historyLine(point));
            String indent = " ".repeat(point.id().length() + 1);
            for (Revision child : retort.children(point.id())) {
                root.session.out().println(indent + "-> " + format.historyLine(child).substring(
                        format.historyLine(child).indexOf("-> ") + 3));
            }
        }
        return 0;
    }
}
