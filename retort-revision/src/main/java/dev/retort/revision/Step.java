package dev.retort.revision;

import java.util.Objects;
import java.util.Set;

/**
 * One migration to run, in one direction, with the version table's contents around it.
 *
 * <p>{@code headsBefore} and {@code headsAfter} are the rows of the version table before and after the
 * step: the runner turns their difference into its INSERT, UPDATE or DELETE, in the same transaction as
 * the migration. Both sets iterate in id order.
 */
public record Step(Revision revision, Direction direction, Set<String> headsBefore, Set<String> headsAfter) {

    public Step {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(direction, "direction");
        headsBefore = IdSet.copyOf(headsBefore);
        headsAfter = IdSet.copyOf(headsAfter);
    }

    /** The version-table rows this step removes, in id order. */
    public Set<String> removedHeads() {
        return IdSet.difference(headsBefore, headsAfter);
    }

    /** The version-table rows this step adds, in id order. */
    public Set<String> addedHeads() {
        return IdSet.difference(headsAfter, headsBefore);
    }
}
