package dev.retort.runtime;

import dev.retort.operation.Operation;
import dev.retort.revision.Direction;
import dev.retort.revision.Step;
import dev.retort.script.Script;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a step of a run on its own, in its transaction with its version and history rows: its statements go to
 * the server together up to one that may return rows or must run outside a transaction, which goes alone. A step
 * that gave up waiting for a lock is tried again as configured.
 */
final class SingleStepRunner {
    private final RunContext context;
    private final SqlTarget target;
    private final BuiltSteps steps;
    private final StepFailures failures;
    private final boolean perMigration;
    private final StopNotice notice;

    SingleStepRunner(RunContext context, SqlTarget target, BuiltSteps steps, StepFailures failures,
            StopNotice notice) {
        this.context = context;
        this.target = target;
        this.steps = steps;
        this.failures = failures;
        this.notice = notice;
        this.perMigration = context.options().transactionPerMigration();
    }

    /** Runs step {@code i} on its own, trying again after a lock timeout; {@code attempt} counts from 1. */
    void run(int i, int attempt) throws SQLException {
        Step step = steps.step(i);
        Script script = steps.script(i);
        if (attempt == 1) {
            steps.started(i);
        }
        notice.started(i, script);
        long stepStarted = System.nanoTime();
        target.comment(StepText.describe(step));
        for (;; attempt++) {
            try {
                target.begin();
                runStep(i, stepStarted);
                break;
            } catch (MigrationException e) {
                if (!e.retryable() || !perMigration || attempt > context.options().lockTimeoutRetries()) {
                    throw e;
                }
                pauseBeforeRetry(step, attempt);
            }
        }
        // In a run in one transaction, a step that ran statements outside a transaction has committed the steps
        // before it; it commits too, so that a later failure does not leave it partly applied.
        boolean ranOutside = steps.operations(i).stream().anyMatch(BuiltSteps::outsideTransaction);
        if (perMigration || ranOutside) {
            try {
                target.commit();
            } catch (SQLException e) {
                // A constraint checked at commit (DEFERRABLE INITIALLY DEFERRED) fails here, and the server rolls
                // the step back; a broken connection leaves its fate unknown.
                throw e.getSQLState() != null && e.getSQLState().startsWith("08") ? failures.lostDuring(step, e)
                        : failures.of(step, script, "COMMIT", 0, e, List.of(), "");
            }
            failures.committed(i);
            notice.committed(i);
        }
        context.listener().stepFinished(step, script, Duration.ofNanos(System.nanoTime() - stepStarted));
    }

    /** Reports that {@code step} is tried again after a lock timeout, and waits longer after each attempt. */
    void pauseBeforeRetry(Step step, int attempt) {
        Duration pause = Duration.ofMillis(Math.min(250L << attempt, 5_000));
        context.listener().lockTimeoutRetry(step, attempt, context.options().lockTimeoutRetries(), pause);
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One attempt at step {@code i} in the transaction begun for it: its statements, then its version and history
     * rows. A failure rolls back what it can and throws the step's failure, which says what stayed.
     */
    private void runStep(int i, long started) throws SQLException {
        Step step = steps.step(i);
        Script script = steps.script(i);
        // What a failure can no longer roll back: statements outside the transaction, and those before them in
        // this revision, which entering autocommit committed.
        List<String> committedOutside = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        // Statements of the transaction not sent yet: they go to the server together, with the version-table and
        // history rows at the end, so a migration costs a round trip or two rather than one per statement.
        List<String> batch = new ArrayList<>();
        List<Operation> operations = steps.operations(i);
        List<List<String>> backups = steps.backups(i);
        // Retort's own statements among them: the copies --backup makes, which are no statement of the migration's.
        Set<String> copies = new HashSet<>();
        backups.forEach(copies::addAll);
        // Where the version and history rows start in the batch, once they are in it.
        int bookkeeping = -1;
        // Whether the revision is marked as started in the history table (see HistoryTable#startedSql).
        boolean marked = false;
        String current = null;
        // The invalid indexes before the statement outside a transaction that runs now, if one does.
        List<String> invalidBefore = null;
        if (!target.live()) {
            // A printed step first checks that the version table is where the step starts from, so that psql run
            // without ON_ERROR_STOP does not apply a migration after one that failed (see expectSql).
            String what = step.direction() == Direction.UPGRADE ? "the upgrade to " + step.revision().id()
                    : "the downgrade of " + step.revision().id();
            batch.add(context.versionTable().expectSql(step.headsBefore(), step.headsAfter(), what,
                    context.scripts().map()));
        }
        try {
            for (int k = 0; k < operations.size(); k++) {
                Operation operation = operations.get(k);
                boolean outside = BuiltSteps.outsideTransaction(operation);
                batch.addAll(backups.get(k));
                List<String> statements = target.live() ? context.dialect().render(operation)
                        : InvalidIndexes.printed(context.dialect(), operation);
                if (outside) {
                    send(batch, pending);
                    if (!marked) {
                        // Committed with what precedes the block, so that a run killed from here on leaves the
                        // revision marked as partly applied, as a failure here would; the step's end clears it. A
                        // script prints it too: psql stopped by a failure after the block leaves it for `current`.
                        target.execute(asRetort(context.history().stoppedBeforeSql(step.revision().id()),
                                context.history().startedSql(step.revision().id(), script.checksum())));
                        marked = true;
                    } else if (marked) {
                        // The mark takes the time of the copies made for this autocommit part, which commit with it.
                        target.execute(asRetort(context.history().restampStartedSql(step.revision().id())));
                    }
                    target.enterAutocommit();
                    failures.enteredAutocommit(i);
                    committedOutside.addAll(pending);
                    pending.clear();
                    notice.autocommitPart(i, migrations(committedOutside, copies));
                }
                for (String sql : statements) {
                    if (!outside && Batchable.test(sql)) {
                        batch.add(sql);
                        continue;
                    }
                    send(batch, pending);
                    current = sql;
                    invalidBefore = outside ? InvalidIndexes.list(target) : null;
                    if (outside && target.live()) {
                        invalidBefore = InvalidIndexes.dropBeforeBuild(target, context.dialect(), operation, sql,
                                invalidBefore);
                    }
                    target.execute(sql);
                    (outside ? committedOutside : pending).add(sql);
                    if (outside) {
                        notice.autocommitPart(i, migrations(committedOutside, copies));
                    }
                }
                if (outside) {
                    target.exitAutocommit();
                    notice.leftAutocommitPart();
                }
                invalidBefore = null;
                current = null;
            }
            List<VersionTable.Change> changes = context.versionTable().changes(step.headsBefore(), step.headsAfter());
            bookkeeping = batch.size();
            batch.addAll(steps.bookkeeping(i, target.live() ? (System.nanoTime() - started) / 1_000_000 : null));
            if (marked) {
                batch.add(context.history().clearStartedSql(step.revision().id()));
            }
            int[] counts = target.executeBatch(batch);
            for (int c = 0; c < changes.size(); c++) {
                changes.get(c).check(target, counts[bookkeeping + c]);
            }
        } catch (SQLException e) {
            // What the handling below sends outside a transaction is no statement of the revision's.
            notice.leftAutocommitPart();
            // The statements of the step sent before the failed one: a migration may write the same one twice.
            List<String> before = new ArrayList<>(committedOutside);
            before.addAll(pending);
            if (e instanceof BatchFailure failure) {
                // A failure in the version or history rows has no statement of the migration to name.
                current = bookkeeping < 0 || failure.index() < bookkeeping ? batch.get(failure.index()) : null;
                before.addAll(batch.subList(0, failure.index()));
            }
            String failed = current;
            int earlier = (int) before.stream().filter(sql -> sql.equals(failed)).count();
            try {
                target.rollback();
            } catch (SQLException ignored) {
                // The connection may be gone; the server rolls back what it has not committed.
            }
            String leftIndex = invalidBefore == null ? "" : InvalidIndexes.dropNew(target, invalidBefore);
            if (marked && target.live()) {
                try {
                    target.enterAutocommit();
                    // The mark has served: a failure records what stayed, if anything did.
                    target.execute(asRetort(context.history().clearStartedSql(step.revision().id())));
                    if (!migrations(committedOutside, copies).isEmpty()) {
                        target.execute(asRetort(context.history().partialSql(step.revision().id(), script.checksum())));
                    } else if (!committedOutside.isEmpty()) {
                        // Only the copies of what the autocommit part was to drop committed: nothing was dropped.
                        target.execute(asRetort(Backups.dropLatestSql(context.dialect(), step.revision().id(),
                                BackupOwner.of(context.versionTable(), context.dialect()))));
                    }
                } catch (SQLException ignored) {
                    // The connection is gone; the error message still says what stayed.
                }
            }
            throw failures.of(step, script, current, earlier, e, migrations(committedOutside, copies), leftIndex);
        }
    }

    /** {@code statements} as Retort's rows, whatever role the migration took (see {@link SessionReset#asRetort}). */
    private String asRetort(String... statements) {
        return SessionReset.asRetort(context.sessionSettings(), statements);
    }

    /** {@code committed} without Retort's {@code copies}: the migration's own statements that committed. */
    private static List<String> migrations(List<String> committed, Set<String> copies) {
        return copies.isEmpty() ? committed : committed.stream().filter(sql -> !copies.contains(sql)).toList();
    }

    /**
     * Sends the statements waiting in {@code batch}, moving them to {@code pending} (run in the open transaction).
     * A failure names its statement through {@link BatchFailure}; the caller's handler finds it there.
     */
    private void send(List<String> batch, List<String> pending) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        target.executeBatch(batch);
        pending.addAll(batch);
        batch.clear();
    }
}
