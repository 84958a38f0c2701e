package dev.retort.runtime;

import dev.retort.revision.Plan;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the steps of one plan on a target, each in its transaction with its version and history rows, and turns a
 * failed statement into a message that names the revision, its file and line, and what stayed applied.
 *
 * <p>Every step's operations are built before the first statement runs ({@link BuiltSteps}). The steps then run in
 * order: a quick one joins the group of steps that {@link GroupSender} sends together; any other runs alone
 * ({@link SingleStepRunner}) once the group before it is sent. {@link StepFailures} words what fails, and knows
 * from the steps committed so far where the database stays.
 */
final class StepRunner {
    private final RunContext context;
    private final Plan plan;
    private final SqlTarget target;
    private final boolean perMigration;
    /** What a stop of the process would leave, which the steps keep up to date. */
    private final StopNotice notice;

    StepRunner(RunContext context, Plan plan, SqlTarget target, StopNotice notice) {
        this.context = context;
        this.plan = plan;
        this.target = target;
        this.notice = notice;
        this.perMigration = context.options().transactionPerMigration();
    }

    /**
     * Runs (or prints) every step; creates the version and history tables first when asked. A run whose transaction
     * a stop of the process cancelled fails with the line that the stop printed (see {@link StopNotice}), not with
     * the cancelled statement's error.
     */
    void run(boolean createVersionTable) throws SQLException {
        try {
            runSteps(createVersionTable);
        } catch (SQLException | RuntimeException e) {
            if (!notice.cancelled()) {
                throw e;
            }
            try {
                target.rollback();
            } catch (SQLException ignored) {
                // The server rolls back what it has not committed.
            }
            throw notice.stoppedFailure(e);
        }
    }

    private void runSteps(boolean createVersionTable) throws SQLException {
        BuiltSteps steps = BuiltSteps.build(context, plan);
        if (!target.live()) {
            PrintedSecrets.warn(context, steps);
        }
        long started = System.nanoTime();
        if (!target.live()) {
            target.comment("Run with: psql -v ON_ERROR_STOP=1 -f FILE, which stops at the first error");
            // As pg_dump begins. psql otherwise sends the script as written in the database's encoding, in its
            // terminal's, or in PGCLIENTENCODING's, and where that is not UTF-8 the server stores every letter
            // outside ASCII as two others. A live run's driver always talks UTF-8, and the script is printed in it.
            target.execute(SessionReset.CLIENT_ENCODING);
            // And as the driver starts a live run's session (see DriverSettings).
            for (Map.Entry<String, String> setting : new TreeMap<>(context.sessionSettings()).entrySet()) {
                target.execute("SET " + setting.getKey() + " = " + context.dialect().literal(setting.getValue()));
            }
        }
        // Session settings, outside any transaction: a migration that cannot get its lock soon gives up instead of
        // making every query on the table queue behind it.
        target.execute("SET lock_timeout = " + context.dialect().literal(context.options().lockTimeout()));
        target.execute("SET statement_timeout = " + context.dialect().literal(context.options().statementTimeout()));
        target.begin();
        if (createVersionTable) {
            context.versionTable().create(target);
            try {
                context.history().create(target);
            } catch (SQLException e) {
                throw context.versionTable().unusableSchema(e);
            }
            if (perMigration) {
                target.commit();
            }
        }
        StepFailures failures = new StepFailures(context, plan, steps, target);
        SingleStepRunner alone = new SingleStepRunner(context, target, steps, failures, notice);
        GroupSender groups = new GroupSender(context, target, steps, alone, failures, notice);
        for (int i = 0; i < steps.size(); i++) {
            if (!groups.offer(i)) {
                groups.flush();
                alone.run(i, 1);
            }
        }
        groups.flush();
        commitRun(failures);
        context.listener().runFinished(steps.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Commits the run's last transaction. In a run that is one transaction, a constraint declared {@code DEFERRABLE
     * INITIALLY DEFERRED} is checked here, after all its steps, so the error can name the revisions but not the one.
     */
    private void commitRun(StepFailures failures) throws SQLException {
        notice.endingRun();
        try {
            target.commit();
            if (!plan.steps().isEmpty()) {
                notice.committed(plan.steps().size() - 1);
            }
        } catch (SQLException e) {
            if (perMigration || failures.allCommitted()) {
                throw e;
            }
            throw failures.ofRunCommit(e);
        }
    }
}
