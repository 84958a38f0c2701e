package dev.retort.revision;

import java.util.List;
import java.util.Set;

/**
 * The steps that take a database from {@code startHeads} to {@code endHeads}, in the order to run them.
 *
 * <p>The heads are version-table contents. Each step's {@code headsBefore} is the previous step's
 * {@code headsAfter}; an empty plan means the database is already where it was asked to be.
 */
public record Plan(List<Step> steps, Set<String> startHeads, Set<String> endHeads) {

    public Plan {
        steps = List.copyOf(steps);
        startHeads = IdSet.copyOf(startHeads);
        endHeads = IdSet.copyOf(endHeads);
    }

    /** Whether there is nothing to run. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
