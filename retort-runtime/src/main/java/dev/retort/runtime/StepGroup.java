package dev.retort.runtime;

import dev.retort.revision.Step;
import dev.retort.script.Script;
import java.util.ArrayList;
import java.util.List;

/**
 * Quick steps of a run laid out as one batch, each in a transaction of its own: {@code BEGIN}, the step's
 * statements, its version and history rows, {@code COMMIT}. Sent together, a group of steps costs one round trip
 * where steps sent one by one cost two each (the statements, then the commit).
 *
 * <p>The server runs the transactions in order and stops at the first error: the steps before it are committed,
 * the failed step's transaction is left aborted (the sender rolls it back), and the steps after it never ran. A
 * group therefore keeps what steps sent one by one guarantee: each step is applied whole or not at all, and a
 * failure leaves the database at the step before it.
 */
final class StepGroup {
    private final List<Member> members = new ArrayList<>();
    private final List<String> batch = new ArrayList<>();

    /**
     * A step of the group and where it lies in the batch: its own statements from {@code start}, its version and
     * history rows from {@code bookkeeping}, its {@code COMMIT} at {@code commit}.
     *
     * @param index the step's position in the run, from 0
     */
    record Member(int index, Step step, Script script, int start, int bookkeeping, int commit) {
        /** True when the statement at {@code position} of the batch belongs to this step's transaction. */
        boolean holds(int position) {
            return position >= start - 1 && position <= commit;
        }
    }

    /** Adds a step: the statements of its transaction, then its version and history rows. */
    void add(int index, Step step, Script script, List<String> statements, List<String> bookkeeping) {
        batch.add("BEGIN");
        int start = batch.size();
        batch.addAll(statements);
        int rows = batch.size();
        batch.addAll(bookkeeping);
        members.add(new Member(index, step, script, start, rows, batch.size()));
        batch.add("COMMIT");
    }

    List<Member> members() {
        return members;
    }

    List<String> batch() {
        return batch;
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** The step whose transaction holds the statement at {@code position} of the batch. */
    Member memberAt(int position) {
        for (Member member : members) {
            if (member.holds(position)) {
                return member;
            }
        }
        throw new IllegalArgumentException("no step holds batch position " + position);
    }

    /** A new group of the steps after {@code member}, which did not run. */
    StepGroup after(Member member) {
        StepGroup rest = new StepGroup();
        for (Member later : members.subList(members.indexOf(member) + 1, members.size())) {
            rest.add(later.index(), later.step(), later.script(), batch.subList(later.start(), later.bookkeeping()),
                    batch.subList(later.bookkeeping(), later.commit()));
        }
        return rest;
    }
}
