package dev.retort.revision;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The revisions as numbered nodes with edge arrays, and the traversals the rest of the package needs.
 *
 * <p>Nodes are numbered in id order, so sorting by number is sorting by id and every answer comes out
 * in the same order for the same set of revisions. "Down" edges are the parents a revision names;
 * "predecessor" edges add its depends-on revisions. Every traversal is iterative with explicit arrays:
 * histories are as deep as users make them, and recursion would overflow the stack on a long chain.
 * Built and checked by {@link GraphBuilder}; immutable afterwards.
 */
final class Graph {
    final Revision[] revisions;
    final String[] ids;
    /** Parents, in the order the revision names them. */
    final int[][] down;
    /** Parents, then depends-on revisions that are not parents: everything that must be applied first. */
    final int[][] preds;
    /** Revisions that name this one as a parent, ascending. */
    final int[][] children;
    /** Revisions that name this one as a parent or a dependency, ascending. */
    final int[][] successors;
    /** No child: Alembic's heads. */
    final int[] heads;
    /** No successor of any kind: what the version table holds once everything is applied. */
    final int[] realHeads;
    /** No parent. */
    final int[] bases;
    private final Map<String, Integer> byId;
    private final Map<String, Integer> byLabel;

    Graph(Revision[] revisions, Map<String, Integer> byId, Map<String, Integer> byLabel, int[][] down,
          int[][] preds, int[][] children, int[][] successors) {
        this.revisions = revisions;
        this.byId = byId;
        this.byLabel = byLabel;
        this.down = down;
        this.preds = preds;
        this.children = children;
        this.successors = successors;
        int n = revisions.length;
        this.ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = revisions[i].id();
        }
        this.heads = select(children, 0);
        this.realHeads = select(successors, 0);
        this.bases = select(down, 0);
    }

    int size() {
        return revisions.length;
    }

    /** The node with exactly this id, or -1. */
    int indexOf(String id) {
        Integer index = byId.get(id);
        return index == null ? -1 : index;
    }

    /** The node that carries this branch label, or -1. */
    int labelOwner(String label) {
        Integer index = byLabel.get(label);
        return index == null ? -1 : index;
    }

    /** Every branch label. */
    Set<String> labels() {
        return byLabel.keySet();
    }

    /** Nodes whose id starts with {@code prefix}, ascending. */
    int[] withPrefix(String prefix) {
        int from = Arrays.binarySearch(ids, prefix);
        if (from < 0) {
            from = -from - 1;
        }
        int to = from;
        while (to < ids.length && ids[to].startsWith(prefix)) {
            to++;
        }
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** "id (file f)" for messages; just the id when the origin is unknown. */
    String describe(int node) {
        String origin = revisions[node].origin();
        return origin == null ? ids[node] : ids[node] + " (file " + origin + ")";
    }

    /** The ids of the given nodes, comma separated, for messages. */
    String names(int[] nodes) {
        StringBuilder out = new StringBuilder();
        for (int node : nodes) {
            out.append(out.length() == 0 ? "" : ", ").append(ids[node]);
        }
        return out.toString();
    }

    IdSet idSet(int[] ascendingNodes) {
        return IdSet.of(ids, ascendingNodes);
    }

    /** The starts and everything they follow (through parents, and dependencies if asked). */
    boolean[] ancestors(int[] starts, boolean includeDependencies) {
        return reach(starts, includeDependencies ? preds : down);
    }

    /** The starts and everything that follows them (through children, and dependents if asked). */
    boolean[] descendants(int[] starts, boolean includeDependencies) {
        return reach(starts, includeDependencies ? successors : children);
    }

    /** Everything that is an ancestor or a descendant of {@code node}, itself included. */
    boolean[] lineage(int node, boolean includeDependencies) {
        boolean[] up = ancestors(new int[] {node}, includeDependencies);
        boolean[] below = descendants(new int[] {node}, includeDependencies);
        for (int i = 0; i < up.length; i++) {
            up[i] |= below[i];
        }
        return up;
    }

    private boolean[] reach(int[] starts, int[][] edges) {
        boolean[] seen = new boolean[size()];
        int[] stack = new int[size()];
        int top = 0;
        for (int start : starts) {
            if (!seen[start]) {
                seen[start] = true;
                stack[top++] = start;
            }
        }
        while (top > 0) {
            int node = stack[--top];
            for (int next : edges[node]) {
                if (!seen[next]) {
                    seen[next] = true;
                    stack[top++] = next;
                }
            }
        }
        return seen;
    }

    /**
     * The allowed nodes reachable from {@code starts} through predecessors, each after everything it
     * follows: the order to apply them.
     *
     * <p>A depth-first walk, so a branch is applied to its end before the next one starts, as Alembic
     * does; {@code allowed} null allows every node.
     */
    int[] oldestFirst(int[] starts, boolean[] allowed) {
        return postorder(starts, allowed, false);
    }

    /**
     * The allowed nodes reachable from {@code starts} through predecessors, each before everything it
     * follows: the order to revert them, and the order {@code history} prints.
     *
     * <p>The first start's branch comes first and a merge's first parent's branch before its second's.
     */
    int[] newestFirst(int[] starts, boolean[] allowed) {
        int[] mirrored = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            mirrored[i] = starts[starts.length - 1 - i];
        }
        int[] order = postorder(mirrored, allowed, true);
        for (int i = 0, j = order.length - 1; i < j; i++, j--) {
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private int[] postorder(int[] starts, boolean[] allowed, boolean mirrored) {
        int n = size();
        boolean[] seen = new boolean[n];
        int[] out = new int[n];
        int count = 0;
        int[] stackNode = new int[n];
        int[] stackNext = new int[n];
        for (int start : starts) {
            if (seen[start] || (allowed != null && !allowed[start])) {
                continue;
            }
            seen[start] = true;
            int top = 0;
            stackNode[top] = start;
            stackNext[top] = 0;
            top++;
            while (top > 0) {
                int node = stackNode[top - 1];
                int[] before = preds[node];
                int pushed = -1;
                while (stackNext[top - 1] < before.length) {
                    int k = stackNext[top - 1]++;
                    int pred = before[mirrored ? before.length - 1 - k : k];
                    if (!seen[pred] && (allowed == null || allowed[pred])) {
                        pushed = pred;
                        break;
                    }
                }
                if (pushed >= 0) {
                    seen[pushed] = true;
                    stackNode[top] = pushed;
                    stackNext[top] = 0;
                    top++;
                } else {
                    top--;
                    out[count++] = node;
                }
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** The nodes flagged in {@code flags}, ascending. */
    static int[] flagged(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            if (flag) {
                count++;
            }
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static int[] select(int[][] edges, int wantedLength) {
        int count = 0;
        for (int[] e : edges) {
            if (e.length == wantedLength) {
                count++;
            }
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < edges.length; i++) {
            if (edges[i].length == wantedLength) {
                out[k++] = i;
            }
        }
        return out;
    }
}
