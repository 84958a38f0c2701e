package dev.retort.revision;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of revision ids that iterates in id order.
 *
 * <p>Held as ascending positions into a sorted table of ids, which plans share with their graph: a plan
 * keeps one set per step, and on a wide history (thousands of unmerged heads) copying an int array per
 * step is what keeps a long plan cheap. Every printed set comes out in the same order.
 */
final class IdSet extends AbstractSet<String> {
    static final IdSet EMPTY = new IdSet(new String[0], new int[0]);

    private final String[] table;
    private final int[] positions;

    private IdSet(String[] table, int[] positions) {
        this.table = table;
        this.positions = positions;
    }

    /**
     * The ids at {@code positions} of {@code sortedTable}; the positions must ascend, and neither array
     * may change afterwards.
     */
    static IdSet of(String[] sortedTable, int[] positions) {
        return positions.length == 0 ? EMPTY : new IdSet(sortedTable, positions);
    }

    static IdSet copyOf(Set<String> set) {
        Objects.requireNonNull(set, "set");
        if (set instanceof IdSet idSet) {
            return idSet;
        }
        String[] copy = set.toArray(new String[0]);
        for (String id : copy) {
            Objects.requireNonNull(id, "id");
        }
        Arrays.sort(copy);
        int[] all = new int[copy.length];
        Arrays.setAll(all, i -> i);
        return of(copy, all);
    }

    /** The ids of {@code a} that are not in {@code b}, in id order. */
    static IdSet difference(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String id : copyOf(a)) {
            if (!b.contains(id)) {
                out.add(id);
            }
        }
        return copyOf(Set.copyOf(out));
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof String s)) {
            return false;
        }
        int position = Arrays.binarySearch(table, s);
        return position >= 0 && Arrays.binarySearch(positions, position) >= 0;
    }

    @Override
    public int size() {
        return positions.length;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < positions.length;
            }

            @Override
            public String next() {
                if (next >= positions.length) {
                    throw new NoSuchElementException();
                }
                return table[positions[next++]];
            }
        };
    }
}
