package dev.retort.runtime;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionMap;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What failed runs left in the database that the version table does not show: revisions whose autocommit
 * part committed before a later statement failed, and invalid indexes from a failed concurrent build.
 */
final class Leftovers {
    private Leftovers() {
    }

    /**
     * One warning per leftover, each saying what to do; none when the database is clean. {@code heads} are the
     * revisions the version table lists, which the way back to a clean state must keep: a stamp of one of two heads
     * would forget the other branch.
     */
    static List<String> describe(Connection connection, RunContext context, Set<String> heads) throws SQLException {
        List<String> warnings = new ArrayList<>();
        Map<String, OffsetDateTime> marked = context.history().partial(connection, true);
        // A step marks itself before committing its autocommit part; while a run is executing steps, such a mark
        // may be that run's own step, still going, rather than one a stopped run left. Asked only when something is
        // marked: every command reads this, and nearly always finds nothing.
        if (!marked.isEmpty() && AdvisoryLock.workInProgress(connection,
                context.located(connection).versionTable().lockName())) {
            marked = context.history().partial(connection, false);
        }
        RevisionMap map = context.scripts() == null ? null : context.scripts().map();
        for (Map.Entry<String, OffsetDateTime> partial : marked.entrySet()) {
            // Made here, where it is rarely needed: DateTimeFormatter's set-up takes about 2 ms of every command.
            DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
            String id = partial.getKey();
            String when = format.format(partial.getValue().withOffsetSameInstant(ZoneOffset.UTC));
            Optional<Revision> revision = map == null ? Optional.empty() : map.find(id);
            String purge = purge(heads) + " (the revision" + (heads.size() > 1 ? "s" : "") + " the database is at)";
            if (revision.isPresent() && map.isApplied(id, heads)) {
                // The version table still lists it: what failed was its downgrade, which the history does not say.
                warnings.add("The downgrade of revision " + id + " partly ran: a run that failed (or was stopped) on "
                        + when + " committed its autocommit part (and what came before it), while the version table "
                        + "still lists " + id + ". Make those statements safe to run again (IF EXISTS), then run the "
                        + "downgrade again; or, having finished it by hand, " + purge(map.headsWithout(id,
                                heads)) + "; or, having put back by hand what they undid, " + purge + ".");
            } else if (revision.isPresent() && !revision.get().downRevisions().stream()
                    .allMatch(below -> map.isApplied(below, heads))) {
                // Downgraded past it since: a stamp of it would record revisions as applied that are not.
                warnings.add("Revision " + id + " is partly applied: a run that failed (or was stopped) on " + when
                        + " committed its autocommit part (and what came before it), and the database has since gone "
                        + "below the revision it follows. Make those statements safe to run again (IF NOT EXISTS) and "
                        + "upgrade through it; or undo them by hand and " + purge + ".");
            } else if (map != null && revision.isEmpty()) {
                // Its file was deleted since: a stamp of it fails (no file has it), and no run can finish it.
                warnings.add("Revision " + id + " is partly applied: a run that failed (or was stopped) on " + when
                        + " committed its autocommit part (and what came before it), which the version table does not "
                        + "list, and no migration file has " + id + " any more: restore its file to finish it; or, "
                        + "having given it up, undo those statements by hand and " + purge + ".");
            } else {
                warnings.add("Revision " + id + " is partly applied: a run that failed (or was stopped) on " + when
                        + " committed its autocommit part (and what came before it), which the version table does not "
                        + "list. Undo those statements by hand, or make them safe to run again (IF NOT EXISTS), then "
                        + "run the command again; or, having finished it by hand, `retort stamp " + id + "`; or, "
                        + "having given it up and undone it, " + purge + ".");
            }
        }
        for (String index : InvalidIndexes.list(new JdbcTarget(connection))) {
            warnings.add(InvalidIndexes.warning(index));
        }
        return warnings;
    }

    /** The stamp that sets the version table to {@code heads} exactly (none: base). */
    private static String purge(Set<String> heads) {
        return "`retort stamp --purge " + (heads.isEmpty() ? "base" : String.join(" ", new TreeSet<>(heads))) + "`";
    }
}
