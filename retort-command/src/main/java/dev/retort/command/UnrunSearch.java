package dev.retort.command;

import dev.retort.revision.RevisionGraphException;
import dev.retort.revision.RevisionMap;
import dev.retort.runtime.HistoryTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the {@link Unrun} revisions among those the version table's heads put in the database, by what
 * {@code retort_history} last recorded of each.
 *
 * <p>A history may leave an applied revision out for good reasons, which are no finding: an older Retort ran it
 * before {@code retort_history} existed (then it recorded nothing of the revisions under it either), or stamped a
 * revision above it recording that one only, without a checksum. What is left is a revision with nothing recorded,
 * or reverted last, although a revision above it that names it ran afterwards and was edited since, and one under it
 * was recorded: the graph moved it under an applied revision after that ran.
 */
final class UnrunSearch {
    private final RevisionMap map;
    private final Set<String> heads;
    private final List<String> applied;
    private final Map<String, HistoryTable.Latest> latest;
    private final Map<String, Set<String>> ancestors = new HashMap<>();
    private final Function<String, String> checksums;
    private Map<String, Boolean> recordedUnder;

    /**
     * @param applied   the revisions under the heads (the heads included), in the order an upgrade runs them
     * @param checksums the checksum of a revision's file as it is now
     */
    UnrunSearch(RevisionMap map, Set<String> heads, Set<String> applied, Map<String, HistoryTable.Latest> latest,
            Function<String, String> checksums) {
        this.map = map;
        this.checksums = checksums;
        this.heads = heads;
        this.applied = List.copyOf(applied);
        this.latest = latest;
    }

    /** The unrun revisions, oldest first. */
    List<Unrun> find() {
        List<Unrun> found = new ArrayList<>();
        // Newest first, so that a revision under an unrun one (both moved in together) can name the same witness.
        for (int i = applied.size() - 1; i >= 0; i--) {
            String id = applied.get(i);
            HistoryTable.Latest record = latest.get(id);
            if (record != null && record.saysApplied()) {
                continue;
            }
            if (record == null && !anyRecordedUnder(id) || underOldStamp(id)) {
                continue;
            }
            long revertedId = record == null ? 0 : record.revertedId();
            HistoryTable.Row lastRecord = record == null ? null : record.reverted();
            witness(id, revertedId).or(() -> throughUnrun(id, found))
                    .ifPresent(w -> found.add(0, new Unrun(id, w.above(), w.via(), lastRecord, heads)));
        }
        return found;
    }

    /**
     * Whether an older Retort's stamp of a revision above {@code id} (which recorded that revision only, without a
     * checksum) came after the last record of {@code id}: the stamp said all under it was in the database.
     */
    boolean underOldStamp(String id) {
        HistoryTable.Latest record = latest.get(id);
        long since = record == null ? 0 : record.revertedId();
        for (String above : applied) {
            HistoryTable.Latest of = latest.get(above);
            if (!above.equals(id) && of != null && of.saysApplied() && of.applied().isStampWithoutChecksum()
                    && of.applied().id() > since && ancestors(above).contains(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the history recorded anything of a revision under {@code id}: it was recording when {@code id} ran.
     * Worked out for all at once, oldest first, as a database upgraded from a Retort without the history has
     * hundreds of revisions recorded nowhere.
     */
    private boolean anyRecordedUnder(String id) {
        if (recordedUnder == null) {
            recordedUnder = new HashMap<>();
            for (String rev : applied) {
                recordedUnder.put(rev, parents(rev).stream()
                        .anyMatch(p -> latest.containsKey(p) || recordedUnder.getOrDefault(p, false)));
            }
        }
        return recordedUnder.getOrDefault(id, false);
    }

    /** The revisions {@code id} names, as down revisions or dependencies. */
    private Set<String> parents(String id) {
        var revision = map.get(id);
        Set<String> parents = new LinkedHashSet<>(revision.downRevisions());
        for (String dependency : revision.dependsOn()) {
            try {
                parents.addAll(map.resolve(dependency, Set.of()));
            } catch (RevisionGraphException e) {
                // Not a revision this map resolves: it names no applied one.
            }
        }
        return parents;
    }

    private record Witness(String above, String via) {
    }

    /**
     * An applied revision naming {@code id} that was upgraded or stamped after {@code since}, and whose file changed
     * since: its header named another revision then. One that is as it ran named {@code id} when it ran, so
     * {@code id} was in the database then, stamped by a Retort that recorded no stamps.
     */
    private Optional<Witness> witness(String id, long since) {
        for (String above : applied) {
            Optional<String> via = naming(above, id);
            HistoryTable.Latest of = latest.get(above);
            if (via.isPresent() && of != null && of.saysApplied() && of.applied().id() > since
                    && of.applied().checksum() != null && !of.applied().checksum().equals(checksums.apply(above))) {
                return Optional.of(new Witness(above, via.get()));
            }
        }
        return Optional.empty();
    }

    /** The witness of an unrun revision above {@code id}, through which the graph reaches it. */
    private Optional<Witness> throughUnrun(String id, List<Unrun> found) {
        return found.stream().filter(u -> ancestors(u.revision()).contains(id)).findFirst()
                .map(u -> new Witness(u.above(), null));
    }

    /** How {@code above} names {@code id}: as a down revision, as a dependency, or not at all. */
    private Optional<String> naming(String above, String id) {
        var revision = map.get(above);
        if (revision.downRevisions().contains(id)) {
            return Optional.of("down_revision");
        }
        for (String dependency : revision.dependsOn()) {
            try {
                if (dependency.equals(id) || map.resolve(dependency, Set.of()).contains(id)) {
                    return Optional.of("depends_on");
                }
            } catch (RevisionGraphException e) {
                // Not a revision this map resolves: it names no applied one.
            }
        }
        return Optional.empty();
    }

    /** {@code id} and every revision an upgrade to it runs first. */
    private Set<String> ancestors(String id) {
        return ancestors.computeIfAbsent(id, rev -> {
            Set<String> under = new LinkedHashSet<>();
            map.upgradePlan(Set.of(), rev).steps().forEach(step -> under.add(step.revision().id()));
            return under;
        });
    }
}
