package dev.retort.command;

import dev.retort.runtime.HistoryTable;
import java.util.List;
import java.util.Set;

/**
 * A revision that the graph puts under an applied one, so that the version table counts it as applied, while
 * {@code retort_history} says it is not in the database: it never ran here, or its last record is a downgrade or a
 * clearing, and the applied revision above it ran after that. The graph changed after the applied revision ran
 * (its {@code down_revision} moved onto the other one, a rebase of its branch), and no upgrade will ever run it.
 *
 * @param revision   the revision that is not in the database
 * @param above      an applied revision above it in the graph that ran here after its last record
 * @param via        how {@code above} names it: {@code down_revision}, {@code depends_on}, or null when through
 *                   revisions between them
 * @param lastRecord its latest downgrade or clearing, or null when the history holds none of it
 * @param heads      the database's applied heads, for the advice
 */
public record Unrun(String revision, String above, String via, HistoryTable.Row lastRecord, Set<String> heads) {
    public Unrun {
        heads = Set.copyOf(heads);
    }

    /** One line for {@code retort validate} and an upgrade's refusal: what happened and both ways out. */
    public String describe() {
        String last = lastRecord == null ? "none"
                : (lastRecord.direction().equals("cleared") ? "cleared by `stamp --purge`" : "a downgrade")
                        + " on " + lastRecord.on();
        String changed = via == null ? "the revisions under " + above + " changed after it was applied"
                : above + "'s " + via + " changed after it was applied";
        String restore = via == null ? "restore the headers of the revisions under " + above + " as they were applied"
                : "restore " + above + "'s " + via + " as it was applied";
        return "revision " + revision + " is below the applied " + above + " in the graph but "
                + (lastRecord == null ? "never ran here" : "is not applied here") + " (its last record: " + last
                + "): " + changed + "; " + restore + ", join the two heads with `retort merge -m MESSAGE heads` and "
                + "run `retort upgrade head` to run " + revision + " (if its changes are in the database after all, "
                + "`retort stamp --purge " + String.join(" ", heads.stream().sorted().toList())
                + "` records it as applied)";
    }

    /** The one of {@code unrun} whose applied revision names it itself, whose advice names the header to restore. */
    static Unrun clearest(List<Unrun> unrun) {
        return unrun.stream().filter(u -> u.via() != null).findFirst().orElse(unrun.get(0));
    }
}
