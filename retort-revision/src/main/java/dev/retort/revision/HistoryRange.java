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
        // Quoted as it was given: `head:`, not the `head:heads` it is read as.
        String range = (lower == null ? "" : lower) + ":" + (upper == null ? "" : upper);
        if (lowerFollows && upperFollows) {
            throw new RevisionGraphException("History range '" + range + "' counts each end from the other; name at "
                    + "least one end, for example `-3:head`.");
        }
        int[] upperNodes;
        int[] lowerNodes;
        if (lowerFollows) {
            upperNodes = side(upperText, currentRows, range, false);
            lowerNodes = relativeTo(lowerText, upperNodes);
        } else {
            lowerNodes = side(lowerText, currentRows, range, true);
            if (upperFollows && lowerNodes.length == 0 && upperText.startsWith("-")) {
                throw new RevisionGraphException("History range '" + range + "' counts '" + upperText + "' down from "
                        + "base, below which there is nothing; to leave out the newest revisions, count from the "
                        + "heads: `" + lowerText + ":" + (graph.heads.length > 1 ? "heads" : "head") + upperText
                        + "`.");
            }
            upperNodes = upperFollows ? relativeTo(upperText, lowerNodes) : side(upperText, currentRows, range, false);
        }
        boolean[] wanted = graph.ancestors(upperNodes, true);
        if (lowerNodes.length > 0) {
            for (int node : lowerNodes) {
                if (!wanted[node]) {
                    String notRange = "Revision " + graph.ids[node] + " is not an ancestor of '" + upperText
                            + "', so '" + range + "' is not a range; ";
                    // The wrong way round is a usage error, as `upgrade --sql head:base` is; ends on two branches
                    // are a fact of this project's graph, which swapping them would not change.
                    if (wrongWayRound(node, upperNodes)) {
                        throw new TargetUsageException(notRange + "swap the ends: `" + upperText + ":" + lowerText
                                + "`.");
                    }
                    throw new RevisionGraphException(notRange + "its ends are on different branches; pick revisions "
                            + "on one branch, or one branch's range, as `LABEL@base:LABEL@head`.");
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

    /** Whether every revision of the upper end lies below {@code lowerNode}: none does when the upper end is base. */
    private boolean wrongWayRound(int lowerNode, int[] upperNodes) {
        boolean[] below = graph.ancestors(new int[] {lowerNode}, true);
        return Arrays.stream(upperNodes).allMatch(node -> below[node]);
    }

    private boolean countsFromOtherEnd(String text, int[] currentRows) {
        if (text.equals("current")) {
            return false;
        }
        Target target = new TargetResolver(graph, currentRows, true).parse(text);
        return target instanceof Target.Relative relative && relative.fromCurrent();
    }

    /** What one end of {@code range} names; {@code lower} says which end it is. */
    private int[] side(String text, int[] currentRows, String range, boolean lower) {
        if (text.equals("current")) {
            return currentRows.clone();
        }
        TargetResolver resolver = new TargetResolver(graph, currentRows, true);
        Target target = resolver.parse(text);
        if (graph.heads.length > 1 && target.branch() == null) {
            if (target instanceof Target.Relative relative && "heads".equals(relative.anchor())) {
                return fromEveryHead(relative, lower);
            }
            if (target instanceof Target.Head || target instanceof Target.Relative relative
                    && "head".equals(relative.anchor())) {
                // Upgrade's message would say to upgrade to `heads`: say what this range can count from instead.
                throw new RevisionGraphException("In history range '" + range + "', head is the one head, and there "
                        + "are several (" + graph.names(graph.heads) + "): write `heads" + text.substring(4) + "` for "
                        + "all of them, or name one head or a branch label (`LABEL@" + text + "`).");
            }
        }
        return resolver.resolve(target).nodes();
    }

    /**
     * {@code heads-N} (or {@code heads+N}) counted from each head on its own, so that {@code :heads-1} is everything
     * but the heads, where upgrade needs one head to count from. A line that reaches base puts its lower end at its
     * first revisions (see {@link #lowerEnds}), and adds nothing to an upper end.
     */
    private int[] fromEveryHead(Target.Relative relative, boolean lower) {
        TreeSet<Integer> nodes = new TreeSet<>();
        for (int head : graph.heads) {
            int[] found = new TargetResolver(graph, new int[0], true).resolve(new Target.Relative(relative.text(),
                    null, graph.ids[head], relative.up(), relative.steps())).nodes();
            Arrays.stream(lower ? lowerEnds(found, head) : found).forEach(nodes::add);
        }
        return nodes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The lower end a walk down from {@code start} found: {@code found}, or, when the walk reached base (found
     * nothing), the first revisions of {@code start}'s line, so that it reaches down to base there and no further
     * elsewhere: with a branch of one revision, {@code heads-1:} still starts one below the other heads.
     */
    private int[] lowerEnds(int[] found, int start) {
        if (found.length > 0) {
            return found;
        }
        boolean[] line = graph.ancestors(new int[] {start}, false);
        List<Integer> roots = new ArrayList<>();
        for (int node = 0; node < line.length; node++) {
            if (line[node] && graph.down[node].length == 0) {
                roots.add(node);
            }
        }
        return roots.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Resolves a relative end from each revision of the other end on its own; a walk that reaches base ends at the
     * first revisions of its line (see {@link #lowerEnds}).
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
            if (found.length == 0 && target.up()) {
                return found;
            }
            Arrays.stream(target.up() ? found : lowerEnds(found, start)).forEach(nodes::add);
        }
        return nodes.stream().mapToInt(Integer::intValue).toArray();
    }
}
