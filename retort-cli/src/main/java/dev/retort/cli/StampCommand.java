package dev.retort.cli;

import java.util.List;
import java.util.Set;

final class StampCommand extends Verb {
    StampCommand(RetortCommand root) {
        super(root, "stamp", "Set the version table to REV without running any migration.",
                "", "Use it for a database whose schema was made another way.", "", "Examples:",
                "  retort stamp head", "  retort stamp --purge 1a2b3c4d5e6f",
                "  retort stamp 1a2b3c4d5e6f 7f8e9d0c1b2a");
        parameter(List.class, "REV", "1..*", "The revision to record (head, base, an id...); several for several "
                + "branches.");
        flag("Empty the version table first, even if it names unknown revisions.", "--purge");
        flag("Print the SQL instead of running it (offline; REV may be FROM:TO).", "--sql");
    }

    @Override
    public Integer call() {
        List<String> revisions = parameter();
        boolean purge = isSet("--purge");
        if (isSet("--sql")) {
            root.retort().stampSql(revisions, purge, root.session.out());
            return 0;
        }
        Set<String> heads = root.retort().stamp(revisions, purge);
        root.session.err().println("Stamped the database at " + (heads.isEmpty() ? "base" : String.join(", ", heads)) + ".");
        return 0;
    }
}
