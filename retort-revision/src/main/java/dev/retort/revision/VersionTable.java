package dev.retort.revision;

import java.util.Arrays;

/**
 * Tracks what a plan does to the version table, one step at a time: Retort's {@code HeadMaintainer}.
 *
 * <p>The applied revisions are always closed under "must be applied first" (parents and depends-on),
 * and the table holds the applied revisions that no other applied revision follows. So applying a
 * revision replaces the rows of its parents and dependencies with its own (a plain step is an UPDATE,
 * a merge folds several rows into one, a revision none of whose parents is a row is an INSERT), and
 * reverting one puts back each parent or dependency that nothing applied follows any more (a merge
 * splits into its parents' rows, a root just goes). This is what Alembic's version table ends up
 * holding, including its treatment of depends-on.
 */
final class VersionTable {
    private final Graph graph;
    private final boolean[] applied;
    /** For each revision, how many applied revisions follow it directly; a row has none. */
    private final int[] appliedSuccessors;
    /** The rows, ascending, in the first {@code rowCount} slots. */
    private int[] rows;
    private int rowCount;
    private IdSet snapshot;

    /** Starts from the table's rows; everything they follow counts as applied. */
    VersionTable(Graph graph, int[] startRows) {
        this.graph = graph;
        this.applied = graph.ancestors(startRows, true);
        this.appliedSuccessors = new int[graph.size()];
        for (int node = 0; node < applied.length; node++) {
            if (applied[node]) {
                for (int pred : graph.preds[node]) {
                    appliedSuccessors[pred]++;
                }
            }
        }
        this.rows = new int[Math.max(4, startRows.length)];
        for (int row : startRows) {
            addRow(row);
        }
    }

    boolean isApplied(int node) {
        return applied[node];
    }

    /** A copy of the applied flags. */
    boolean[] applied() {
        return applied.clone();
    }

    IdSet rows() {
        if (snapshot == null) {
            snapshot = graph.idSet(Arrays.copyOf(rows, rowCount));
        }
        return snapshot;
    }

    Step upgrade(int node) {
        if (applied[node]) {
            throw new IllegalStateException(graph.ids[node] + " is already applied");
        }
        IdSet before = rows();
        applied[node] = true;
        for (int pred : graph.preds[node]) {
            if (!applied[pred]) {
                throw new IllegalStateException(graph.ids[node] + " needs " + graph.ids[pred] + " first");
            }
            appliedSuccessors[pred]++;
            removeRow(pred);
        }
        addRow(node);
        snapshot = null;
        return new Step(graph.revisions[node], Direction.UPGRADE, before, rows());
    }

    Step downgrade(int node) {
        if (!applied[node] || appliedSuccessors[node] > 0) {
            throw new IllegalStateException(graph.ids[node] + " is not a head of the applied revisions");
        }
        IdSet before = rows();
        applied[node] = false;
        removeRow(node);
        for (int pred : graph.preds[node]) {
            if (--appliedSuccessors[pred] == 0) {
                addRow(pred);
            }
        }
        snapshot = null;
        return new Step(graph.revisions[node], Direction.DOWNGRADE, before, rows());
    }

    private void addRow(int node) {
        int at = Arrays.binarySearch(rows, 0, rowCount, node);
        if (at >= 0) {
            return;
        }
        at = -at - 1;
        if (rowCount == rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        System.arraycopy(rows, at, rows, at + 1, rowCount - at);
        rows[at] = node;
        rowCount++;
    }

    private void removeRow(int node) {
        int at = Arrays.binarySearch(rows, 0, rowCount, node);
        if (at >= 0) {
            System.arraycopy(rows, at + 1, rows, at, rowCount - at - 1);
            rowCount--;
        }
    }
}
