package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Selects the revisions of {@code history -r LOWER:UPPER}, as Alembic does.
 *
 * <p>The range holds every revision that UPPER needs (UPPER included) and that descends from LOWER
 * (LOWER included). An empty LOWER means base, an empty UPPER means {@code heads}, and {@code current}
 * means the database's current heads. A relative end without an anchor counts from the other end:
 * {@code -3:} is the newest revisions down to three below the heads, {@code current:+2} two past the
 * database. Walks stop at base or a head instead of failing, so {@code -10:} on a short history shows
 * all of it.
 */
final class HistoryRange {
    private final Graph graph;
    private final int[] newestFirst;

    HistoryRange(Graph graph, int[] newestFirst) {
        this.graph = graph;
        this.newestFirst = newestFirst;
    }

    List<Revision> select(String lower, String upper, int[] currentRows) {
        String lowerText = lower == null || lower.isBlank() ? "base" : lower;
        String upperText = upper == null || upper.isBlank() ? "heads" : upper;
        boolean lowerFollows = countsFromOtherEnd(lowerText, currentRows);
        boolean upperFollows = countsFromOtherEnd(upperText, currentRows);
        if (lowerFollows && upperFollows) {
            throw new RevisionGraphException("History range '" + lowerText + ":" + upperText + "' counts each end "
                    + "from the other; name at least one end, for example `-3:head`.");
        }
        int[] upperNodes;
        int[] lowerNodes;
        if (lowerFollows) {
            upperNodes = side(upperText, currentRows);
            lowerNodes = relativeTo(lowerText, upperNodes);
        } else {
            lowerNodes = side(lowerText, currentRows);
            if (upperFollows && lowerNodes.length == 0 && upperText.startsWith("-")) {
                throw new RevisionGraphException("History range '" + lowerText + ":" + upperText + "' counts '"
                        + upperText + "' down from base, below which there is nothing; to leave out the newest "
                        + "revisions, count from the heads: `" + lowerText + ":head" + upperText + "`.");
            }
            upperNodes = upperFollows ? relativeTo(upperText, lowerNodes) : side(upperText, currentRows);
        }
        boolean[] wanted = graph.ancestors(upperNodes, true);
        if (lowerNodes.length > 0) {
            for (int node : lowerNodes) {
                if (!wanted[node]) {
                    throw new RevisionGraphException("Revision " + graph.ids[node] + " is not an ancestor of '"
                            + upperText + "', so '" + lowerText + ":" + upperText + "' is not a range; swap the ends "
                            + "or pick revisions on the same branch.");
                }
            }
            boolean[] above = graph.descendants(lowerNodes, false);
            for (int node = 0; node < wanted.length; node++) {
                wanted[node] &= above[node];
            }
        }
        List<Revision> out = new ArrayList<>();
        for (int node : newestFirst) {
            if (wanted[node]) {
                out.add(graph.revisions[node]);
            }
        }
        return List.copyOf(out);
    }

    private boolean countsFromOtherEnd(String text, int[] currentRows) {
        if (text.equals("current")) {
            return false;
        }
        Target target = new TargetResolver(graph, currentRows, true).parse(text);
        return target instanceof Target.Relative relative && relative.fromCurrent();
    }

    private int[] side(String text, int[] currentRows) {
        if (text.equals("current")) {
            return currentRows.clone();
        }
        return new TargetResolver(graph, currentRows, true).resolve(text).nodes();
    }

    /**
     * Resolves a relative end from each revision of the other end on its own; base when any walk
     * reaches base, since the range then reaches down to base anyway.
     */
    private int[] relativeTo(String text, int[] from) {
        TargetResolver resolver = new TargetResolver(graph, from, true);
        Target.Relative target = (Target.Relative) resolver.parse(text);
        if (from.length == 0 && !target.up()) {
            return from;
        }
        if (from.length <= 1 || target.branch() != null) {
            return resolver.resolve(target).nodes();
        }
        TreeSet<Integer> nodes = new TreeSet<>();
        for (int start : from) {
            int[] found = new TargetResolver(graph, new int[] {start}, true).resolve(target).nodes();
            if (found.length == 0) {
                return found;
            }
            Arrays.stream(found).forEach(nodes::add);
        }
        return nodes.stream().mapToInt(Integer::intValue).toArray();
    }
}
