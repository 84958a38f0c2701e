package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Orders tables so that each comes after the tables it references, breaking foreign-key cycles.
 *
 * <p>Kahn's algorithm, taking ready tables in name order so the output is stable. When every remaining table
 * waits for another, the tables form cycles: the first table by name among those whose cycle depends on nothing
 * outside it goes next, and its references to tables not yet placed are the ones that must wait (added after
 * the creates, or dropped before the drops). Cycles are found with an iterative Tarjan pass, so chains and
 * cycles thousands of tables long need no deep stack. Runs in O((tables + references) log tables).
 */
final class DependencyOrder {
    private DependencyOrder() {
    }

    /**
     * The {@code tables} in creation order.
     *
     * @param references the tables each table references; those outside {@code tables} and the table itself are
     *     ignored
     */
    static List<QualifiedName> of(Collection<QualifiedName> tables,
            Function<QualifiedName, Collection<QualifiedName>> references) {
        Map<QualifiedName, List<QualifiedName>> dependencies = new HashMap<>();
        for (QualifiedName table : tables) {
            dependencies.put(table, List.of());
        }
        for (QualifiedName table : tables) {
            Set<QualifiedName> distinct = new LinkedHashSet<>();
            for (QualifiedName target : references.apply(table)) {
                if (!target.equals(table) && dependencies.containsKey(target)) {
                    distinct.add(target);
                }
            }
            dependencies.put(table, List.copyOf(distinct));
        }
        Map<QualifiedName, Integer> component = components(tables, dependencies);

        Map<QualifiedName, List<QualifiedName>> dependents = new HashMap<>();
        Map<QualifiedName, Integer> waiting = new HashMap<>();
        Map<QualifiedName, Integer> waitingOutside = new HashMap<>();
        for (QualifiedName table : tables) {
            int outside = 0;
            for (QualifiedName target : dependencies.get(table)) {
                dependents.computeIfAbsent(target, key -> new ArrayList<>()).add(table);
                if (!component.get(target).equals(component.get(table))) {
                    outside++;
                }
            }
            waiting.put(table, dependencies.get(table).size());
            waitingOutside.put(table, outside);
        }

        PriorityQueue<QualifiedName> ready = new PriorityQueue<>(DatabaseSchema.NAME_ORDER);
        TreeSet<QualifiedName> breakable = new TreeSet<>(DatabaseSchema.NAME_ORDER);
        for (QualifiedName table : tables) {
            if (waiting.get(table) == 0) {
                ready.add(table);
            } else if (waitingOutside.get(table) == 0) {
                breakable.add(table);
            }
        }
        Set<QualifiedName> placed = new HashSet<>();
        List<QualifiedName> order = new ArrayList<>(tables.size());
        while (order.size() < dependencies.size()) {
            QualifiedName next = ready.poll();
            if (next == null) {
                // Every remaining table waits: break a cycle whose other dependencies are all placed.
                next = breakable.pollFirst();
            }
            if (next == null) {
                throw new IllegalStateException("No table can be placed, yet " + (tables.size() - order.size())
                        + " remain; the cycle detection is broken.");
            }
            placed.add(next);
            breakable.remove(next);
            order.add(next);
            for (QualifiedName dependent : dependents.getOrDefault(next, List.of())) {
                if (placed.contains(dependent)) {
                    continue;
                }
                int left = waiting.merge(dependent, -1, Integer::sum);
                if (!component.get(dependent).equals(component.get(next))
                        && waitingOutside.merge(dependent, -1, Integer::sum) == 0 && left > 0) {
                    breakable.add(dependent);
                }
                if (left == 0) {
                    breakable.remove(dependent);
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

    /** The strongly connected component of each table, by Tarjan's algorithm with an explicit stack. */
    private static Map<QualifiedName, Integer> components(Collection<QualifiedName> tables,
            Map<QualifiedName, List<QualifiedName>> dependencies) {
        Map<QualifiedName, Integer> index = new HashMap<>();
        Map<QualifiedName, Integer> low = new HashMap<>();
        Map<QualifiedName, Integer> component = new HashMap<>();
        Deque<QualifiedName> stack = new ArrayDeque<>();
        Set<QualifiedName> onStack = new HashSet<>();
        // Each frame is a table and the position of the next dependency to visit.
        Deque<Map.Entry<QualifiedName, Integer>> frames = new ArrayDeque<>();
        int counter = 0;
        int components = 0;
        for (QualifiedName root : tables) {
            if (index.containsKey(root)) {
                continue;
            }
            frames.push(Map.entry(root, 0));
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            while (!frames.isEmpty()) {
                Map.Entry<QualifiedName, Integer> frame = frames.pop();
                QualifiedName table = frame.getKey();
                List<QualifiedName> targets = dependencies.get(table);
                int position = frame.getValue();
                if (position < targets.size()) {
                    frames.push(Map.entry(table, position + 1));
                    QualifiedName target = targets.get(position);
                    if (!index.containsKey(target)) {
                        index.put(target, counter);
                        low.put(target, counter++);
                        stack.push(target);
                        onStack.add(target);
                        frames.push(Map.entry(target, 0));
                    } else if (onStack.contains(target)) {
                        low.put(table, Math.min(low.get(table), index.get(target)));
                    }
                    continue;
                }
                if (low.get(table).equals(index.get(table))) {
                    QualifiedName member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.put(member, components);
                    } while (!member.equals(table));
                    components++;
                }
                if (!frames.isEmpty()) {
                    QualifiedName parent = frames.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(table)));
                }
            }
        }
        return component;
    }
}
