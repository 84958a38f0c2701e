package dev.retort.revision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A random revision graph for properties, with a brute-force model of the version table to check the
 * real one against.
 *
 * <p>Built from raw numbers so jqwik can shrink it: revision {@code i} gets 0 to 2 parents among the
 * earlier revisions and now and then a depends-on on another earlier one. Ids start with a random
 * letter, so id order is not creation order.
 */
record RandomDag(List<Revision> revisions) {
    static final int NUMBERS_PER_REVISION = 6;

    static RandomDag from(List<Integer> raw) {
        int n = raw.size() / NUMBERS_PER_REVISION;
        List<Revision> out = new ArrayList<>();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            int base = i * NUMBERS_PER_REVISION;
            ids[i] = (char) ('a' + raw.get(base) % 26) + String.format("%03d", i);
            LinkedHashSet<String> parents = new LinkedHashSet<>();
            List<String> dependsOn = new ArrayList<>();
            if (i > 0) {
                int count = raw.get(base + 1) % 3;
                if (count >= 1) {
                    parents.add(ids[raw.get(base + 2) % i]);
                }
                if (count == 2) {
                    parents.add(ids[raw.get(base + 3) % i]);
                }
                if (raw.get(base + 4) % 4 == 0) {
                    dependsOn.add(ids[raw.get(base + 5) % i]);
                }
            }
            out.add(new Revision(ids[i], List.copyOf(parents), Set.of(), dependsOn, "", null));
        }
        return new RandomDag(List.copyOf(out));
    }

    /** Everything each revision needs applied first: parents and dependencies. */
    Map<String, Set<String>> needs() {
        Map<String, Set<String>> needs = new HashMap<>();
        for (Revision revision : revisions) {
            Set<String> set = new LinkedHashSet<>(revision.downRevisions());
            set.addAll(revision.dependsOn());
            needs.put(revision.id(), set);
        }
        return needs;
    }

    /** {@code chosen} and everything it needs, transitively. */
    Set<String> closure(Set<String> chosen) {
        Map<String, Set<String>> needs = needs();
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(chosen);
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (out.add(id)) {
                todo.addAll(needs.get(id));
            }
        }
        return out;
    }

    /** The version table for a set of applied revisions: those that nothing else applied needs. */
    Set<String> rows(Set<String> applied) {
        Map<String, Set<String>> needs = needs();
        Set<String> needed = new LinkedHashSet<>();
        for (String id : applied) {
            needed.addAll(needs.get(id));
        }
        Set<String> rows = new LinkedHashSet<>(applied);
        rows.removeAll(needed);
        return rows;
    }

    boolean hasDependencies() {
        return revisions.stream().anyMatch(revision -> !revision.dependsOn().isEmpty());
    }
}
