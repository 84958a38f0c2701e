package dev.retort.runtime;

import dev.retort.operation.Autocommit;
import dev.retort.operation.Operation;
import dev.retort.revision.Direction;
import dev.retort.revision.Plan;
import dev.retort.revision.Step;
import dev.retort.script.CapturedOutput;
import dev.retort.script.Script;
import dev.retort.script.ScriptKind;
import dev.retort.script.ThreadOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The steps of a plan with their operations built, before the first of them runs: what each step sends besides
 * its operations (the backups before them, the version and history rows after them), and what its Java migration
 * printed while it was recorded, kept until the step is reported as started.
 */
final class BuiltSteps {
    private final RunContext context;
    private final Backups backups;
    private final List<Step> steps;
    private final List<Script> scripts;
    private final List<List<Operation>> operations;
    /** What each step's Java section printed while it was recorded, until the step is reported as started. */
    private final List<CapturedOutput> printed;

    private BuiltSteps(RunContext context, List<Step> steps, List<Script> scripts, List<List<Operation>> operations,
            List<CapturedOutput> printed) {
        this.context = context;
        this.backups = new Backups(context.dialect(), BackupOwner.of(context.versionTable(), context.dialect()));
        this.steps = steps;
        this.scripts = scripts;
        this.operations = operations;
        this.printed = printed;
    }

    /**
     * Builds the operations of every step of {@code plan} (compiling its Java migrations), checks where they may
     * run, warns about a downgrade that undoes nothing, and ends with each step the session settings it takes (its
     * role, its {@code search_path}).
     */
    static BuiltSteps build(RunContext context, Plan plan) {
        List<Step> steps = plan.steps();
        List<Script> needed = new ArrayList<>(steps.size());
        for (Step step : steps) {
            needed.add(context.scripts().script(step.revision().id()));
        }
        context.loader().prepare(needed);
        List<List<Operation>> built = new ArrayList<>(steps.size());
        List<CapturedOutput> printed = new ArrayList<>(steps.size());
        // What a Java section prints as it is recorded is printed when its step runs (started), so that each step's
        // messages come under its own progress line, and a step that a failure keeps from running prints none. The
        // capture ends before the checks below: a warning is the run's own line, not a migration's.
        try (ThreadOutput.Capture capture = ThreadOutput.capture()) {
            for (int i = 0; i < steps.size(); i++) {
                built.add(context.loader().operations(needed.get(i), upgrade(steps.get(i))));
                printed.add(capture.take());
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            boolean upgrade = upgrade(steps.get(i));
            context.loader().checkTransactions(needed.get(i), upgrade, built.get(i));
            if (!upgrade && built.get(i).isEmpty()) {
                warnIfUndoesNothing(context, needed.get(i));
            }
            if (!upgrade) {
                built.set(i, UpgradeCreatedExtensions.guarded(built.get(i), steps.get(i).revision().id(),
                        context.history(), context.dialect()));
                if (context.options().restore()) {
                    // After the guard, which may turn operations into raw SQL; before the reset, which ends the step.
                    built.set(i, Restores.restoring(built.get(i), steps.get(i).revision().id(), context.history(),
                            context.dialect(), BackupOwner.of(context.versionTable(), context.dialect())));
                }
            }
            built.set(i, SessionReset.appendedTo(built.get(i), context.dialect(), context.options().lockTimeout(),
                    context.options().statementTimeout(), context.sessionSettings(),
                    !context.options().transactionPerMigration()));
        }
        return new BuiltSteps(context, steps, needed, built, printed);
    }

    private static boolean upgrade(Step step) {
        return step.direction() == Direction.UPGRADE;
    }

    /**
     * Warns about an empty downgrade of a revision whose upgrade does something: the revert is recorded while the
     * upgrade's changes stay. It is what a new migration's downgrade is until it is written, so the revert is more
     * likely forgotten than meant, and a run that passes it in silence leaves a schema no one expects. The upgrade
     * is only counted, so what a Java one prints is muted: a downgrade that printed it would look like an upgrade.
     */
    private static void warnIfUndoesNothing(RunContext context, Script script) {
        int upgrade = ThreadOutput.muted(() -> context.loader().operations(script, true)).size();
        if (upgrade == 0) {
            return;
        }
        String irreversible = script.kind() == ScriptKind.SQL ? "remove its '-- +downgrade' section"
                : "make its downgrade() throw UnsupportedOperationException";
        context.listener().warning("the downgrade of revision " + script.id() + " (" + script.shownName() + ") is "
                + "empty, so reverting it undoes none of the " + upgrade + " operation(s) of its upgrade; if it cannot "
                + "be undone, " + irreversible + ", and downgrades will stop before it.");
    }

    int size() {
        return steps.size();
    }

    Step step(int i) {
        return steps.get(i);
    }

    Script script(int i) {
        return scripts.get(i);
    }

    List<Operation> operations(int i) {
        return operations.get(i);
    }

    /** True for an operation that runs outside a transaction, committing what came before it. */
    static boolean outsideTransaction(Operation operation) {
        return operation instanceof Autocommit || operation.requiresAutocommit();
    }

    /**
     * Reports that step {@code i} starts, followed by what its section printed while it was recorded, if anything;
     * that comes once, with the step's first report.
     */
    void started(int i) {
        Step step = steps.get(i);
        Script script = script(i);
        context.listener().stepStarted(step, script, i + 1, steps.size());
        CapturedOutput output = printed.set(i, CapturedOutput.NONE);
        if (!output.isEmpty()) {
            context.listener().stepOutput(step, script, output);
        }
    }

    /**
     * The copies of what a step is about to lose, one list per operation of the step, each to run right before its
     * operation. They run in the step's transaction, so a failed step leaves no backup behind.
     */
    List<List<String>> backups(int i) {
        Step step = steps.get(i);
        return context.options().backup()
                ? backups.statements(step.revision().id(), step.direction(), operations.get(i))
                : Collections.nCopies(operations.get(i).size(), List.of());
    }

    /** Whether step {@code i} puts back what its upgrade saved ({@code downgrade --restore}). */
    boolean restores(int i) {
        return context.options().restore() && !upgrade(steps.get(i));
    }

    /** The version and history rows of step {@code i} sent on its own; the history row records its duration. */
    List<String> bookkeeping(int i, Long durationMillis) {
        Step step = steps.get(i);
        List<String> rows = new ArrayList<>();
        for (VersionTable.Change change : context.versionTable().changes(step.headsBefore(), step.headsAfter())) {
            rows.add(change.sql());
        }
        rows.add(context.history().recordSql(step.revision().id(), step.direction(), script(i).checksum(),
                durationMillis));
        return rows;
    }

    /**
     * The version and history rows of step {@code i} in a group: the server checks the version row and measures the
     * step from {@code startedAt} (a SQL expression), since the group comes back only after later steps committed.
     */
    List<String> groupedBookkeeping(int i, String startedAt) {
        Step step = steps.get(i);
        List<String> rows = new ArrayList<>();
        for (VersionTable.Change change : context.versionTable().changes(step.headsBefore(), step.headsAfter())) {
            rows.add(change.guardedSql());
        }
        rows.add(context.history().recordTimedByServerSql(step.revision().id(), step.direction(),
                script(i).checksum(), startedAt));
        return rows;
    }
}
