package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Set;

final class ShowCommand extends Verb {
    ShowCommand(RetortCommand root) {
        super(root, "show", "Show one revision in full.", "", "Examples:", "  retort show head", "  retort show 1a2b",
                "  retort show current");
        parameter(String.class, "REV", "1", "A revision id, unique prefix, head, heads, label, or current.");
    }

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionFormat format = new RevisionFormat(retort, Set.of());
        for (Revision r : retort.show(this.<String>parameter())) {
            root.session.out().println(format.verbose(r));
        }
        return 0;
    }
}
