package dev.retort.revision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The branch labels each revision belongs to, as Alembic propagates them.
 *
 * <p>A label marks the revision that carries it and everything that grows from it through down
 * revisions. It also marks the revisions below it up to the nearest branch point or merge, since that
 * unbranched stretch can only belong to this branch.
 */
final class BranchLabels {
    private final List<Set<String>> labels;

    BranchLabels(Graph graph) {
        int n = graph.size();
        List<LinkedHashSet<String>> building = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            building.add(null);
        }
        for (int owner = 0; owner < n; owner++) {
            Set<String> own = graph.revisions[owner].branchLabels();
            if (own.isEmpty()) {
                continue;
            }
            boolean[] grown = graph.descendants(new int[] {owner}, false);
            for (int node = 0; node < n; node++) {
                if (grown[node]) {
                    add(building, node, own);
                }
            }
            int node = owner;
            while (graph.down[node].length == 1) {
                int parent = graph.down[node][0];
                if (graph.successors[parent].length > 1 || graph.down[parent].length > 1) {
                    break;
                }
                add(building, parent, own);
                node = parent;
            }
        }
        List<Set<String>> done = new ArrayList<>(n);
        for (LinkedHashSet<String> set : building) {
            done.add(set == null ? Set.of() : Collections.unmodifiableSet(set));
        }
        this.labels = done;
    }

    Set<String> of(int node) {
        return labels.get(node);
    }

    private static void add(List<LinkedHashSet<String>> building, int node, Set<String> labels) {
        LinkedHashSet<String> set = building.get(node);
        if (set == null) {
            set = new LinkedHashSet<>();
            building.set(node, set);
        }
        set.addAll(labels);
    }
}
