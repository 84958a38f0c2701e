package dev.retort.runtime;

import dev.retort.revision.Step;
import dev.retort.script.Script;
import java.util.ArrayList;
import java.util.List;

/**
 * Quick steps of a run laid out as one batch. With a transaction per migration each step is a transaction of its
 * own: {@code BEGIN}, the step's statements, its version and history rows, {@code COMMIT}. Sent together, a group
 * of steps costs one round trip where steps sent one by one cost two each (the statements, then the commit).
 *
 * <p>The server runs the transactions in order and stops at the first error: the steps before it are committed,
 * the failed step's transaction is left aborted (the sender rolls it back), and the steps after it never ran. A
 * group therefore keeps what steps sent one by one guarantee: each step is applied whole or not at all, and a
 * failure leaves the database at the step before it.
 *
 * <p>In a run that is one transaction, the steps go without {@code BEGIN} and {@code COMMIT}, each opened by a
 * statement of the sender's (which marks when the step started); a failure rolls back the whole run, as it
 * does for steps sent one by one.
 */
final class StepGroup {
    private final String open;
    private final String close;
    private final List<Member> members = new ArrayList<>();
    private final List<String> batch = new ArrayList<>();

    /** A group whose steps each start with {@code open} and end with {@code close} (null: no such statement). */
    StepGroup(String open, String close) {
        this.open = open;
        this.close = close;
    }

    /**
     * A step of the group and where it lies in the batch: from {@code first} (its opening statement, if any), its
     * own statements from {@code start}, its version and history rows from {@code bookkeeping}, up to {@code last}
     * (its closing statement, if any).
     *
     * @param index the step's position in the run, from 0
     */
    record Member(int index, Step step, Script script, int first, int start, int bookkeeping, int last) {
        /** True when the statement at {@code position} of the batch belongs to this step. */
        boolean holds(int position) {
            return position >= first && position <= last;
        }
    }

    /** Adds a step: the statements of its transaction, then its version and history rows. */
    void add(int index, Step step, Script script, List<String> statements, List<String> bookkeeping) {
        int first = batch.size();
        if (open != null) {
            batch.add(open);
        }
        int start = batch.size();
        batch.addAll(statements);
        int rows = batch.size();
        batch.addAll(bookkeeping);
        if (close != null) {
            batch.add(close);
        }
        members.add(new Member(index, step, script, first, start, rows, batch.size() - 1));
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

    /** An empty group of the same layout. */
    StepGroup empty() {
        return new StepGroup(open, close);
    }

    /** True when the statement at {@code position} of the batch is one of {@code member}'s version and history rows. */
    boolean isBookkeeping(Member member, int position) {
        int end = close == null ? member.last() : member.last() - 1;
        return position >= member.bookkeeping() && position <= end;
    }

    /** True when the statement at {@code position} of the batch is one of {@code member}'s own, not its bookkeeping. */
    boolean isStatement(Member member, int position) {
        return position >= member.start() && position < member.bookkeeping();
    }

    /** The step whose statements include the one at {@code position} of the batch. */
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
        return slice(members.indexOf(member) + 1, members.size());
    }

    /** A new group of the steps from {@code first} up to {@code end}, not including it, which did not run. */
    StepGroup between(Member first, Member end) {
        return slice(members.indexOf(first), members.indexOf(end));
    }

    private StepGroup slice(int from, int to) {
        StepGroup part = empty();
        for (Member member : members.subList(from, to)) {
            int end = close == null ? member.last() + 1 : member.last();
            part.add(member.index(), member.step(), member.script(),
                    batch.subList(member.start(), member.bookkeeping()), batch.subList(member.bookkeeping(), end));
        }
        return part;
    }
}
