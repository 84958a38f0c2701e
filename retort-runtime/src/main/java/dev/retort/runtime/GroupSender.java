package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.operation.Operation;
import dev.retort.revision.Step;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sends consecutive quick steps of a live run to the server together as a {@link StepGroup}, and recovers when a
 * group fails.
 *
 * <p>A group starts at one step and doubles while groups come back quickly, so that progress lines are never far behind
 * the server; a slow group makes the next one as much smaller as it was slower (one step after a group that took ten
 * times too long), so a group only a little slower than that does not start the doubling over. Progress events of a
 * group's steps come when it is back, in order, so the output never names a step before it ran; each step's start
 * brings what its Java migration printed while its operations were recorded, before the run. A step that runs
 * statements outside a transaction, or one that may return rows, is sent on its own, as is every step of a printed
 * ({@code --sql}) run. A group goes as one query where the connection sends plain statements with the simple protocol
 * (the server parses one message instead of four per statement, and abandons the rest of the query at an error), else
 * as one batch that the driver pipelines (which the server abandons too); a group of a step with many statements goes
 * as a few queries in a row (see {@link JdbcTarget#MOST_IN_QUERY}). In a run that is one transaction, a group
 * sent as one query runs inside a savepoint, so that a failed group can be undone alone and its steps run again one by
 * one to name the failed statement.
 */
final class GroupSender {
    /** A group that comes back within this time is followed by one twice its size. */
    private static final Duration QUICK_GROUP = Duration.ofMillis(100);
    private static final int LARGEST_GROUP = 256;
    /**
     * A failed group sent as one query that came back within this time has its failed step run once more on its
     * own, so that the error names the failed statement: at most this much of the server's work is done twice.
     */
    private static final Duration RERUN_WITHIN = Duration.ofSeconds(1);
    /** The savepoint around each group of a run in one transaction that goes as one query. */
    private static final String SAVEPOINT = "retort_group";
    /**
     * The most groups of a run in one transaction that go as queries; its later steps go alone. Each group is a
     * subtransaction, and a transaction of more than 64 makes every other session's snapshot checks slower on
     * PostgreSQL until it ends.
     */
    private static final int MOST_SAVEPOINTS = 32;
    /**
     * Where a grouped step starts in a run that is one transaction, whose start says nothing of the step's: the
     * step's history row measures from the mark. In a group sent as one query the mark is a {@code SELECT}; a batch
     * takes no statement that returns rows, so there it is a {@code DO} block, which the server runs about 0.1 ms
     * slower (it compiles the block every time).
     */
    // SessionReset keeps this setting through the reset that follows a step's code (RUNS_OWN_LOCAL).
    private static final String MARK = "set_config('retort.step_started', clock_timestamp()::text, true)";
    private static final String MARK_STEP_IN_QUERY = "SELECT " + MARK;
    private static final String MARK_STEP_IN_BATCH = "DO $retort$BEGIN PERFORM " + MARK + "; END$retort$";
    private static final String STEP_STARTED = "current_setting('retort.step_started')::timestamptz";

    private final RunContext context;
    private final SqlTarget target;
    private final BuiltSteps steps;
    private final SingleStepRunner alone;
    private final StepFailures failures;
    private final boolean perMigration;
    private final StopNotice notice;
    /** Whether groups go as one query ({@link SqlTarget#executeScript}) rather than as a batch. */
    private final boolean groupsAsScripts;
    /** Whether quick steps go to the server in groups. */
    private boolean grouping;
    private int groupSize = 1;
    /** The groups of a run in one transaction sent inside a savepoint so far. */
    private int savepoints;
    /** The steps added and not sent yet. */
    private StepGroup waiting;

    GroupSender(RunContext context, SqlTarget target, BuiltSteps steps, SingleStepRunner alone,
            StepFailures failures, StopNotice notice) {
        this.context = context;
        this.notice = notice;
        this.target = target;
        this.steps = steps;
        this.alone = alone;
        this.failures = failures;
        this.perMigration = context.options().transactionPerMigration();
        this.groupsAsScripts = target.runsScripts();
        this.grouping = target.live() && (target.stopsBatchAtFirstError() || groupsAsScripts);
        this.waiting = perMigration ? new StepGroup("BEGIN", "COMMIT")
                : new StepGroup(groupsAsScripts ? MARK_STEP_IN_QUERY : MARK_STEP_IN_BATCH, null);
    }

    /**
     * Adds step {@code i} to the waiting group when it can go in one, and sends the group once it is as large as
     * the last one's time allows; false, adding nothing, when the step must go alone.
     */
    boolean offer(int i) throws SQLException {
        List<String> statements = grouping ? groupable(i) : null;
        if (statements == null) {
            return false;
        }
        waiting.add(i, steps.step(i), steps.script(i), statements,
                steps.groupedBookkeeping(i, perMigration ? "transaction_timestamp()" : STEP_STARTED));
        if (waiting.size() >= groupSize) {
            waiting = send(waiting);
        }
        return true;
    }

    /** Sends the waiting group, if it holds a step, and reports its steps. */
    void flush() throws SQLException {
        waiting = send(waiting);
    }

    /** The statements of step {@code i}'s transaction when it can join a group; null when it must go alone. */
    private List<String> groupable(int i) {
        if (steps.restores(i)) {
            // Alone, its restore's warnings come once, after its progress line: a group reports its steps when it
            // is back, and runs a failed one again alone.
            return null;
        }
        List<String> statements = new ArrayList<>();
        List<Operation> operations = steps.operations(i);
        List<List<String>> backups = steps.backups(i);
        for (int k = 0; k < operations.size(); k++) {
            Operation operation = operations.get(k);
            if (BuiltSteps.outsideTransaction(operation)) {
                return null;
            }
            statements.addAll(backups.get(k));
            statements.addAll(context.dialect().render(operation));
        }
        for (String sql : statements) {
            if (!Batchable.test(sql)) {
                return null;
            }
        }
        return statements;
    }

    /** Sends a group and reports its steps; returns the empty group that comes next. */
    private StepGroup send(StepGroup group) throws SQLException {
        while (!group.isEmpty()) {
            List<StepGroup.Member> members = group.members();
            notice.startedGroup(members.get(0).index(), members.get(members.size() - 1).index(),
                    members.get(0).script());
            if (perMigration) {
                // The step before committed; the group's transactions are its own statements.
                target.enterAutocommit();
            }
            long sent = System.nanoTime();
            try {
                if (groupsAsScripts && !perMigration) {
                    // A query of its own: the server parses a query whole before it runs any of it, so a syntax error
                    // in the group would leave no savepoint to go back to.
                    target.execute("SAVEPOINT " + SAVEPOINT);
                    List<String> query = new ArrayList<>(group.batch());
                    query.add("RELEASE SAVEPOINT " + SAVEPOINT);
                    target.executeScript(query);
                    grouping = ++savepoints < MOST_SAVEPOINTS;
                } else if (groupsAsScripts) {
                    target.executeScript(group.batch());
                } else {
                    target.executeBatch(group.batch());
                }
            } catch (BatchFailure e) {
                group = retryAfter(group, e, sent);
                continue;
            } catch (SQLException e) {
                if (!groupsAsScripts || Runner.connectionLost(e)) {
                    throw failures.lostDuring(group.members(), e);
                }
                group = perMigration ? rerunAfter(group, e, sent) : rerunFromSavepoint(group, e, sent);
                continue;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
            finished(group.members(), elapsed.dividedBy(group.size()));
            groupSize = nextGroupSize(group.size(), elapsed);
            return group.empty();
        }
        return group;
    }

    /**
     * The size of the group after one of {@code size} steps that took {@code elapsed}: twice as large after a quick
     * one, and after a slow one as large as the steps it ran in {@link #QUICK_GROUP}, at least one.
     */
    static int nextGroupSize(int size, Duration elapsed) {
        if (elapsed.compareTo(QUICK_GROUP) < 0) {
            return Math.min(size * 2, LARGEST_GROUP);
        }
        return (int) Math.max(1, size * QUICK_GROUP.toNanos() / elapsed.toNanos());
    }

    /**
     * Handles a statement of a group that failed: the steps before it are committed, its own transaction is rolled
     * back (in a run that is one transaction, the whole run is). A step that gave up waiting for a lock runs again
     * on its own; the group's later steps then follow.
     */
    private StepGroup retryAfter(StepGroup group, BatchFailure e, long sent) throws SQLException {
        StepGroup.Member failed = group.memberAt(e.index());
        List<StepGroup.Member> before = group.members().subList(0, group.members().indexOf(failed));
        finished(before, Duration.ofNanos(System.nanoTime() - sent).dividedBy(group.size()));
        Step step = failed.step();
        steps.started(failed.index());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            // The results of the steps before it came back, so they are committed; this one's commit may not have.
            throw failures.lostDuring(step, e);
        }
        rollbackAborted();
        List<VersionTable.Change> changes = context.versionTable().changes(step.headsBefore(), step.headsAfter());
        int row = e.index() - failed.bookkeeping();
        if (row >= 0 && row < changes.size() && state.equals("23502")) {
            // The guard of a version row (VersionTable.Change.guardedSql): the row this step changes is gone.
            throw changes.get(row).gone();
        }
        String sql = group.isBookkeeping(failed, e.index()) ? null : group.batch().get(e.index());
        MigrationException failure = failures.of(step, failed.script(), sql,
                sql == null ? 0 : StepFailures.earlier(group.batch(), failed.start(), e.index()), e, List.of(), "");
        if (!failure.retryable() || !perMigration || context.options().lockTimeoutRetries() < 1) {
            throw failure;
        }
        alone.pauseBeforeRetry(step, 1);
        alone.run(failed.index(), 2);
        groupSize = 1;
        return group.after(failed);
    }

    /**
     * Handles a group sent as one query that failed. The server committed the steps before the failed one, rolled
     * back its transaction and ran none after it, but its error does not say which step that was: the version
     * table does, standing where the failed step starts. A step that gave up waiting for a lock is tried again as
     * configured; any other runs once more on its own, when the group came back quickly, so that the error names
     * the failed statement as a step sent alone does. If it then succeeds, the group's later steps follow. A slow
     * failure is reported as the server gave it, naming the revision and its file but not the statement. A syntax
     * error is the exception: the server runs none of a query it cannot parse, and the error's position names the
     * step.
     */
    private StepGroup rerunAfter(StepGroup group, SQLException e, long sent) throws SQLException {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
        rollbackAborted();
        Set<String> heads = context.versionTable().read(target);
        StepGroup.Member failed = null;
        for (StepGroup.Member member : group.members()) {
            if (member.step().headsBefore().equals(heads)) {
                failed = member;
                break;
            }
        }
        if (failed == null) {
            // What the server refused was the guard of a version row (VersionTable.Change.guardedSql).
            throw new RetortException("The version table " + context.versionTable().name() + " holds "
                    + (heads.isEmpty() ? "no revision" : String.join(", ", heads)) + ", where no step of this run "
                    + "starts, so another process changed it during this run (" + Runner.firstLine(e.getMessage())
                    + "); run `retort current` and try again.", e);
        }
        List<StepGroup.Member> before = group.members().subList(0, group.members().indexOf(failed));
        finished(before, elapsed.dividedBy(group.size()));
        int at = positionIn(group, e);
        StepGroup.Member faulty = at < 0 ? null : group.memberAt(at);
        if (faulty != null && group.members().indexOf(faulty) > group.members().indexOf(failed)) {
            // A syntax error in a later step: the server refused its query whole, so from the failed step on none
            // committed. They go again without that step, which then goes alone, so that its error names the statement.
            // Run on their own one by one instead, each would send the rest of the group once more.
            send(group.between(failed, faulty));
            alone.run(faulty.index(), 1);
            groupSize = 1;
            return group.after(faulty);
        }
        Step step = failed.step();
        steps.started(failed.index());
        boolean lockTimeout = "55P03".equals(e.getSQLState());
        boolean retry = lockTimeout && context.options().lockTimeoutRetries() >= 1;
        if (!retry && (lockTimeout || elapsed.compareTo(RERUN_WITHIN) >= 0)) {
            if (faulty == failed && group.isStatement(failed, at)) {
                // The error's position names the statement (a missing relation, a bad column), so the slow step
                // need not run again to tell it.
                throw failures.of(step, failed.script(), group.batch().get(at),
                        StepFailures.earlier(group.batch(), failed.start(), at), target.startOf(group.batch(), at), e,
                        List.of(), "");
            }
            throw failures.of(step, " (" + StepFailures.display(failed.script().path()) + ") failed", e, group.batch(),
                    List.of(), "");
        }
        if (retry) {
            alone.pauseBeforeRetry(step, 1);
        }
        alone.run(failed.index(), 2);
        groupSize = 1;
        return group.after(failed);
    }

    /**
     * Handles a failed group of a run in one transaction, sent as one query inside a savepoint. Back at the
     * savepoint, as if the group had not run, its steps run once more one by one when it came back quickly, so that
     * the error names the failed statement as a step sent alone does (if they all succeed this time, the run goes
     * on); when the error points into a statement, the steps before its step go again as a group. A slow failure
     * rolls back the run and names the group's revisions.
     */
    private StepGroup rerunFromSavepoint(StepGroup group, SQLException e, long sent) throws SQLException {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
        int at = positionIn(group, e);
        StepGroup.Member faulty = at < 0 ? null : group.memberAt(at);
        if (elapsed.compareTo(RERUN_WITHIN) >= 0 && faulty != null && group.isStatement(faulty, at)) {
            // The error's position names the step and its statement: no need to run the steps again to tell them.
            rollbackAborted();
            steps.started(faulty.index());
            throw failures.of(faulty.step(), faulty.script(), group.batch().get(at),
                    StepFailures.earlier(group.batch(), faulty.start(), at), target.startOf(group.batch(), at), e,
                    List.of(), "");
        }
        if (elapsed.compareTo(RERUN_WITHIN) >= 0) {
            rollbackAborted();
            List<StepGroup.Member> members = group.members();
            StepGroup.Member first = members.get(0);
            String last = members.get(members.size() - 1).step().revision().id();
            String later = members.size() == 1 ? "" : members.size() == 2 ? " or the revision after it, " + last + ","
                    : " or one of the " + (members.size() - 1) + " revisions after it, up to " + last + ",";
            steps.started(first.index());
            String failed = " (" + StepFailures.display(first.script().path()) + ")" + later + " failed";
            throw failures.of(first.step(), failed, e, group.batch(), List.of(), "");
        }
        // Back where the group started; released too, so that the steps after it do not run inside the savepoint.
        target.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
        target.execute("RELEASE SAVEPOINT " + SAVEPOINT);
        grouping = ++savepoints < MOST_SAVEPOINTS;
        if (grouping && faulty != null && faulty != group.members().get(0)) {
            // The steps before the one the error points into go again as a group, and that one alone.
            send(group.between(group.members().get(0), faulty));
            alone.run(faulty.index(), 1);
            groupSize = 1;
            return group.after(faulty);
        }
        for (StepGroup.Member member : group.members()) {
            alone.run(member.index(), 1);
        }
        groupSize = 1;
        return group.empty();
    }

    /** The statement of a group sent as one query that the server's error points into; -1 when it does not say. */
    private int positionIn(StepGroup group, SQLException e) {
        return target.statementAt(group.batch(), e);
    }

    /** Ends the transaction a failed group left open. Quiet when the connection is gone: the error says so. */
    private void rollbackAborted() {
        try {
            if (perMigration) {
                // The failed step's own BEGIN opened it, behind the driver's back.
                target.execute("ROLLBACK");
            } else {
                target.rollback();
            }
        } catch (SQLException ignored) {
            // The server rolls back what it has not committed.
        }
    }

    /** Reports that {@code members} ran, each taking {@code each}, in their order. */
    private void finished(List<StepGroup.Member> members, Duration each) {
        for (StepGroup.Member member : members) {
            steps.started(member.index());
            context.listener().stepFinished(member.step(), member.script(), each);
            if (perMigration) {
                // Each step of a group is a transaction of its own, which the server ran.
                notice.committed(member.index());
            }
        }
    }
}
