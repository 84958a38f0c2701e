package dev.retort.cli;

import dev.retort.command.Retort;
import dev.retort.revision.Revision;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

final class HistoryCommand extends Verb {
    HistoryCommand(RetortCommand root) {
        super(root, "history", "List revisions, newest first.",
                "", "Examples:", "  retort history", "  retort history -r base:head -v", "  retort history -i");
        option("LOWER:UPPER", "Only revisions in this range.", "-r", "--rev-range");
        flag("Show each revision in full.", "-v", "--verbose");
        flag("Mark the database's current revision(s).", "-i", "--indicate-current");
    }

    @Override
    public Integer call() {
        Retort retort = root.retort();
        // Checked as `current` checks them: a version row that no file has is a fault, not an unmarked history.
        Set<String> current = isSet("--indicate-current")
                ? retort.current().stream().map(Revision::id).collect(Collectors.toSet()) : Set.of();
        RevisionFormat format = new RevisionFormat(retort, current);
        boolean verbose = isSet("--verbose");
        for (Revision r : retort.history(Optional.ofNullable(value("--rev-range")))) {
            root.session.out().println(verbose ? format.verbose(r) : format.historyLine(r));
        }
        return 0;
    }
}
