package dev.retort.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a collection of revisions and numbers them into a {@link Graph}.
 *
 * <p>The checks run in the order a user would want to fix things: unusable ids, duplicate ids, branch
 * labels, references to revisions that do not exist, then cycles. The first problem found is thrown
 * as a {@link RevisionGraphException} naming the revision and its file.
 */
final class GraphBuilder {
    private static final int MAX_CYCLE_SHOWN = 10;

    private GraphBuilder() {
    }

    static Graph build(Collection<Revision> input) {
        Objects.requireNonNull(input, "revisions");
        List<Revision> list = new ArrayList<>(input.size());
        for (Revision revision : input) {
            list.add(Objects.requireNonNull(revision, "revision"));
        }
        list.forEach(GraphBuilder::checkId);
        checkDuplicates(list);
        list.sort(Comparator.comparing(Revision::id));
        Revision[] revisions = list.toArray(new Revision[0]);
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < revisions.length; i++) {
            byId.put(revisions[i].id(), i);
        }
        Map<String, Integer> byLabel = labels(revisions, byId);
        int n = revisions.length;
        int[][] down = new int[n][];
        int[][] preds = new int[n][];
        for (int i = 0; i < n; i++) {
            down[i] = parents(revisions[i], byId);
            preds[i] = withDependencies(revisions[i], down[i], byId, byLabel);
        }
        int[][] children = invert(down, n);
        int[][] successors = invert(preds, n);
        checkAcyclic(revisions, preds, successors);
        return new Graph(revisions, byId, byLabel, down, preds, children, successors);
    }

    private static void checkId(Revision revision) {
        String id = revision.id();
        if (!isId(id) || Revision.RESERVED.contains(id)) {
            throw new RevisionGraphException("Revision id '" + id + "'" + inFile(revision)
                    + " cannot be used: ids hold only letters, digits and underscores and cannot be "
                    + "head, heads, base or current; " + fix(revision) + ".");
        }
    }

    /**
     * Whether {@code id} holds only ASCII letters, digits and underscores, and at least one. A loop rather than a
     * regular expression: every command checks every revision, and the matcher ran in the interpreter (2.4 ms of
     * {@code retort current} over 300 revisions).
     */
    private static boolean isId(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static void checkDuplicates(List<Revision> list) {
        Map<String, Revision> seen = new HashMap<>();
        for (Revision revision : list) {
            Revision earlier = seen.putIfAbsent(revision.id(), revision);
            if (earlier != null) {
                throw new RevisionGraphException("Revision " + revision.id() + " is defined twice: "
                        + source(earlier) + " and " + source(revision) + "; give one of them a new id.");
            }
        }
    }

    private static Map<String, Integer> labels(Revision[] revisions, Map<String, Integer> byId) {
        Map<String, Integer> byLabel = new HashMap<>();
        for (int i = 0; i < revisions.length; i++) {
            for (String label : revisions[i].branchLabels()) {
                String at = "Branch label '" + label + "' of revision " + revisions[i].id() + inFile(revisions[i]);
                if (!Revision.isUsableLabel(label)) {
                    throw new RevisionGraphException(at + " cannot be used: " + Revision.LABEL_RULE + "; rename it.");
                }
                if (byId.containsKey(label)) {
                    throw new RevisionGraphException(at + " is also the id of another revision; rename the label.");
                }
                Integer earlier = byLabel.putIfAbsent(label, i);
                if (earlier != null) {
                    throw new RevisionGraphException("Branch label '" + label + "' is used by two revisions: "
                            + describe(revisions[earlier]) + " and " + describe(revisions[i])
                            + "; keep it on one of them.");
                }
            }
        }
        return byLabel;
    }

    private static int[] parents(Revision revision, Map<String, Integer> byId) {
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        for (String parent : revision.downRevisions()) {
            Integer index = byId.get(parent);
            if (index == null) {
                throw new RevisionGraphException("Revision " + describe(revision) + " names down revision "
                        + parent + ", but no migration has that id; " + fix(revision) + ".");
            }
            if (!out.add(index)) {
                // Kept as two, it would make the revision a merge of one branch: shown as a mergepoint, and refused
                // by whatever takes a merge for two parents.
                throw new RevisionGraphException("Revision " + describe(revision) + " names down revision "
                        + parent + " twice; " + fix(revision) + " to name it once.");
            }
        }
        return toArray(out);
    }

    /** Parents, then dependencies (an id, or a branch label standing for the revision carrying it). */
    private static int[] withDependencies(Revision revision, int[] parents, Map<String, Integer> byId,
                                          Map<String, Integer> byLabel) {
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        for (int parent : parents) {
            out.add(parent);
        }
        for (String dependency : revision.dependsOn()) {
            Integer index = byId.get(dependency);
            if (index == null) {
                index = byLabel.get(dependency);
            }
            if (index == null) {
                throw new RevisionGraphException("Revision " + describe(revision) + " depends on " + dependency
                        + ", but no migration has that id or branch label; " + fix(revision) + ".");
            }
            out.add(index);
        }
        return toArray(out);
    }

    /** For each node, the nodes whose edge list names it, ascending. */
    private static int[][] invert(int[][] edges, int n) {
        int[] counts = new int[n];
        for (int[] targets : edges) {
            for (int target : targets) {
                counts[target]++;
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new int[counts[i]];
        }
        int[] filled = new int[n];
        for (int source = 0; source < n; source++) {
            for (int target : edges[source]) {
                out[target][filled[target]++] = source;
            }
        }
        return out;
    }

    /** Kahn's algorithm; whatever it cannot order lies on or behind a cycle, which is then traced. */
    private static void checkAcyclic(Revision[] revisions, int[][] preds, int[][] successors) {
        int n = revisions.length;
        int[] waiting = new int[n];
        int[] queue = new int[n];
        int tail = 0;
        for (int i = 0; i < n; i++) {
            waiting[i] = preds[i].length;
            if (waiting[i] == 0) {
                queue[tail++] = i;
            }
        }
        for (int head = 0; head < tail; head++) {
            for (int next : successors[queue[head]]) {
                if (--waiting[next] == 0) {
                    queue[tail++] = next;
                }
            }
        }
        if (tail == n) {
            return;
        }
        int start = 0;
        while (waiting[start] == 0) {
            start++;
        }
        throw new RevisionGraphException(cycleMessage(revisions, traceCycle(start, preds, waiting)));
    }

    /**
     * Follows unordered predecessors from {@code start} until a node repeats; every unordered node has
     * one, so this ends on a cycle. Returns the cycle in apply order (each before the one after it).
     */
    private static int[] traceCycle(int start, int[][] preds, int[] waiting) {
        Map<Integer, Integer> position = new HashMap<>();
        List<Integer> path = new ArrayList<>();
        int node = start;
        while (!position.containsKey(node)) {
            position.put(node, path.size());
            path.add(node);
            int next = -1;
            for (int pred : preds[node]) {
                if (waiting[pred] > 0) {
                    next = pred;
                    break;
                }
            }
            node = next;
        }
        List<Integer> cycle = path.subList(position.get(node), path.size());
        int[] applyOrder = new int[cycle.size()];
        for (int i = 0; i < applyOrder.length; i++) {
            applyOrder[i] = cycle.get(cycle.size() - 1 - i);
        }
        return applyOrder;
    }

    private static String cycleMessage(Revision[] revisions, int[] cycle) {
        // Start at the smallest id so the same cycle always reads the same way.
        int first = 0;
        for (int i = 1; i < cycle.length; i++) {
            if (cycle[i] < cycle[first]) {
                first = i;
            }
        }
        // A long cycle is named by its first revisions; the ids are enough to find it.
        int shown = cycle.length <= MAX_CYCLE_SHOWN ? cycle.length : MAX_CYCLE_SHOWN - 1;
        StringBuilder chain = new StringBuilder();
        Set<String> files = new LinkedHashSet<>();
        for (int k = 0; k < shown; k++) {
            Revision revision = revisions[cycle[(first + k) % cycle.length]];
            chain.append(k == 0 ? "" : " -> ").append(revision.id());
            if (revision.origin() != null) {
                files.add(revision.origin());
            }
        }
        if (shown < cycle.length) {
            chain.append(" -> ... (").append(cycle.length - shown).append(" more)");
        }
        chain.append(" -> ").append(revisions[cycle[first]].id());
        String more = shown < cycle.length ? ", ..." : "";
        String where = files.isEmpty() ? "" : " (" + String.join(", ", files) + more + ")";
        return "Revisions " + chain + " form a cycle" + where
                + "; fix the down revision or depends-on of one of them.";
    }

    private static int[] toArray(Collection<Integer> values) {
        int[] array = new int[values.size()];
        int i = 0;
        for (int value : values) {
            array[i++] = value;
        }
        return array;
    }

    private static String describe(Revision revision) {
        return revision.id() + inFile(revision);
    }

    private static String inFile(Revision revision) {
        return revision.origin() == null ? "" : " (file " + revision.origin() + ")";
    }

    /** Where the revision's id and parents are written: a SQL file's header, a Java migration's annotation. */
    private static String fix(Revision revision) {
        String origin = revision.origin() == null ? "" : revision.origin();
        return origin.endsWith(".java") || origin.endsWith(".class") ? "fix its @Revision annotation"
                : "fix its header";
    }

    private static String source(Revision revision) {
        return revision.origin() == null ? "an unnamed source" : revision.origin();
    }
}
