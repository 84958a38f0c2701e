package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.revision.Direction;
import dev.retort.revision.Plan;
import dev.retort.revision.Step;
import dev.retort.script.Script;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a live run leaves if the process is stopped now (SIGTERM from a cancelled CI job or a killed pod, Ctrl-C),
 * said in one line on the way out: the revision it was running, and whether the database stays where that revision
 * started, keeps what its autocommit part committed, or is not known here because a COMMIT was on its way.
 *
 * <p>The run's runners tell it where the run is; a JVM shutdown hook, registered from {@link #register} until
 * {@link #close}, reads it. The hook makes no database call: the connection may be gone, and all it needs is known
 * here. When the process ends, the server rolls back the transaction it has open, so a revision in a transaction
 * is undone. For the line to stay true once printed, anything that could commit waits here while the process
 * stops ({@link StoppableTarget}): the run commits nothing more, and the JVM ends it (or, if it has not ended
 * after {@link #HELD_BACK}, the run fails).
 *
 * <p>A statement of a transaction, which can no longer commit, is cancelled then, as the server would once the
 * process is gone: where the JVM does not end until the run returns (an application whose shutdown waits for the
 * start that runs the upgrade), it would otherwise go on to its end, however long. The run then sends nothing more
 * but its ROLLBACK, and fails with the line the hook printed. So are the steps sent with their COMMITs: one the
 * cancel reaches before its COMMIT rolls back, and the run, whose thread is back, reads the version table to fail
 * with where the database stands, which the hook could not know.
 */
final class StopNotice implements AutoCloseable {
    /** How long a commit held back once the process is stopping waits for the JVM to end before the run fails. */
    static final Duration HELD_BACK = Duration.ofSeconds(10);
    private final RunListener listener;
    /** The plan's steps; none for a stamp. */
    private final List<Step> steps;
    private final Set<String> startHeads;
    private final boolean perMigration;
    /** How it names the database: the project's, a scratch database made for the run, or a tenant's version table. */
    private final String database;
    /** Where the run's steps are recorded, read once a stop cancelled steps sent with their COMMITs. */
    private final VersionTable versionTable;
    private Thread hook;

    // What the run has reached, changed by the run's thread and read by the hook's, under this object's lock.
    /** The version-table rows committed so far. */
    private Set<String> committedHeads;
    /** The last step committed, -1 for none. */
    private int committedThrough = -1;
    /** The step running, or the first and last of a group of steps sent together; -1 before the first. */
    private int first = -1;
    private int last = -1;
    /** The file of the step running, when it is one. */
    private Script script;
    /**
     * Whether the steps running were sent in one go, each with its COMMIT (a transaction per migration): the server
     * may run a step's COMMIT after its client is gone, and the client cannot tell whether it did.
     */
    private boolean sentWithCommits;
    /** Whether the statements of those steps were sent: announced ({@link #startedGroup}), they may not be yet. */
    private boolean groupSent;
    /**
     * Whether the version table, read once the run's thread was back, told which of those steps committed: the last
     * one committed is {@link #committedThrough}, and the one after it, if in the group, did not commit.
     */
    private boolean settled;
    /** What the autocommit part of the step running alone has committed. */
    private List<String> committedOutside = List.of();
    /** Whether that step is in its autocommit part, where each statement commits as it ends. */
    private boolean inAutocommitPart;
    /** Whether something that may commit was sent and has not come back: a COMMIT, or a statement outside one. */
    private boolean sending;
    /** The statement sent outside a transaction, null for a COMMIT. */
    private String sendingSql;
    /** Whether every step has run and what remains is the COMMIT that ends the run. */
    private boolean endingRun;
    private boolean stopping;
    /** Whether the stop cancelled the run's transaction, which then sends nothing more but its ROLLBACK. */
    private boolean cancelled;
    /** The live target the run's statements go to, whose running statement a stop cancels; null for a printed run. */
    private SqlTarget live;
    /** The thread that cancels the running statement, once the stop started it. */
    private Thread canceller;

    private StopNotice(RunContext context, List<Step> steps, Set<String> startHeads) {
        this.listener = context.listener();
        this.steps = steps;
        this.startHeads = startHeads;
        this.perMigration = context.options().transactionPerMigration();
        this.database = context.databaseShown();
        this.versionTable = context.versionTable();
        this.committedHeads = startHeads;
    }

    /** What stopping would leave of a run of {@code plan}; not registered (a printed run, which stops harmlessly). */
    StopNotice(RunContext context, Plan plan) {
        this(context, plan.steps(), plan.startHeads());
    }

    /** Registers the notice of a live run of {@code plan}, until it is closed. */
    static StopNotice register(RunContext context, Plan plan) {
        return new StopNotice(context, plan).register();
    }

    /** Registers the notice of a stamp of a version table that holds {@code before}, until it is closed. */
    static StopNotice registerStamp(RunContext context, Set<String> before) {
        return new StopNotice(context, List.of(), before).register();
    }

    private StopNotice register() {
        Thread stopped = new Thread(() -> listener.stopped(stop()), "retort-stop-notice");
        try {
            Runtime.getRuntime().addShutdownHook(stopped);
        } catch (IllegalStateException e) {
            // The process is stopping already, before the run changed anything: nothing of it may commit now.
            synchronized (this) {
                stopping = true;
            }
            return this;
        }
        hook = stopped;
        return this;
    }

    /** Removes the hook: the run no longer changes the database (it ended, or failed and says so itself). */
    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The process is stopping already: the hook has run or runs now.
        }
        hook = null;
    }

    /** A live target whose commits wait here once the process is stopping. */
    SqlTarget guard(SqlTarget target) {
        live = target;
        return new StoppableTarget(target, this);
    }

    /** Step {@code i} runs alone, from its file {@code script}. */
    synchronized void started(int i, Script script) {
        running(i, i, script);
        sentWithCommits = false;
    }

    /** Steps {@code from} to {@code to} are sent together; {@code script} is the file of the first. */
    synchronized void startedGroup(int from, int to, Script script) {
        running(from, to, script);
        sentWithCommits = perMigration;
    }

    private void running(int from, int to, Script script) {
        sent();
        first = from;
        last = to;
        this.script = script;
        groupSent = false;
        committedOutside = List.of();
        inAutocommitPart = false;
        if (perMigration) {
            // Each step runs after the one before it committed.
            committedHeads = steps.get(from).headsBefore();
        }
    }

    /** Every step has run: the COMMIT that comes next ends the run. */
    synchronized void endingRun() {
        endingRun = true;
    }

    /** Step {@code i} committed, with every step before it. */
    synchronized void committed(int i) {
        sent();
        committedThrough = i;
        committedHeads = steps.get(i).headsAfter();
        inAutocommitPart = false;
    }

    /**
     * Step {@code i}, running alone, is in its autocommit part, which has committed {@code committed} so far (with
     * the statements of the step before it). Entering it committed the steps before {@code i} too.
     */
    synchronized void autocommitPart(int i, List<String> committed) {
        sent();
        committedHeads = steps.get(i).headsBefore();
        committedOutside = List.copyOf(committed);
        inAutocommitPart = true;
    }

    /** The step running alone is back in a transaction, or failed; what its autocommit part committed stays. */
    synchronized void leftAutocommitPart() {
        inAutocommitPart = false;
    }

    /**
     * Something that may commit is about to be sent: a COMMIT ({@code sql} null) or a statement outside a
     * transaction. Once the process is stopping, it is never sent: the thread waits here for the JVM to end it, and
     * if the JVM has not ended after {@link #HELD_BACK}, the run fails instead, with what the database holds.
     */
    synchronized void sending(String sql) throws SQLException {
        long deadline = System.nanoTime() + HELD_BACK.toNanos();
        refuseIfCancelled();
        while (stopping) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                // A shutdown hook of the application waits for this thread (as a framework's waits for the start
                // that runs the upgrade): waiting on, the JVM would never end. Failing commits nothing either.
                settle();
                throw new RetortException("stopped " + whatStays());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                // Still nothing may commit; the JVM ends this thread, or the deadline fails the run.
            }
        }
        sending = true;
        sendingSql = sql;
        // A COMMIT here is the empty one that leaves the transaction of a step run alone before a group.
        groupSent |= sentWithCommits && sql != null;
    }

    /**
     * What {@link #sending} announced failed, or what it committed is recorded ({@link #committed},
     * {@link #autocommitPart}): until then, a stop says that what it committed is not known.
     */
    synchronized void sent() {
        sending = false;
        sendingSql = null;
    }

    /**
     * Marks the process as stopping, so that nothing more commits, and says what the database holds. A statement of
     * a transaction is cancelled, from a thread of its own: the hook must return at once, and the server may be slow
     * to answer, or gone.
     */
    synchronized String stop() {
        stopping = true;
        String line = "stopped " + whatStays();
        if (live != null && (inTransaction() || groupInFlight())) {
            cancelled = true;
            SqlTarget target = live;
            canceller = new Thread(() -> {
                try {
                    target.cancel();
                } catch (SQLException | RuntimeException e) {
                    // The server cancels the statement when it notices that the process is gone.
                }
            }, "retort-stop-cancel");
            canceller.setDaemon(true);
            canceller.start();
        }
        return line;
    }

    /**
     * Whether the run is inside a transaction that nothing has begun to commit: not in an autocommit part, where
     * each statement commits, nor in steps sent with their COMMITs, nor on a COMMIT's way.
     */
    private boolean inTransaction() {
        return !steps.isEmpty() && first >= 0 && committedThrough < last && !sentWithCommits && !sending
                && !inAutocommitPart;
    }

    /** Whether steps sent with their COMMITs are on the server, not all of them back committed. */
    private boolean groupInFlight() {
        return sentWithCommits && groupSent && sending && committedThrough < last;
    }

    /**
     * On the run's thread, once it sends nothing more: where the steps sent with their COMMITs left the database.
     * Not sent, they left it where the step before them did; sent, the version table says which committed, once the
     * statement the stop cancelled is over. A table that cannot be read leaves the line saying that it is not known.
     */
    private void settle() {
        if (!sentWithCommits || committedThrough >= last || live == null) {
            return;
        }
        if (!groupSent) {
            first = committedThrough;
            last = committedThrough;
            sentWithCommits = false;
            return;
        }
        Set<String> heads;
        try {
            if (canceller != null) {
                canceller.join(HELD_BACK.toMillis());
            }
            // The transaction block a cancelled step left open: its BEGIN went with it, behind the driver's back.
            live.execute("ROLLBACK");
            heads = versionTable.read(live);
        } catch (SQLException | RuntimeException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int through = heads.equals(steps.get(first).headsBefore()) ? first - 1 : -2;
        for (int i = first; i <= last; i++) {
            if (steps.get(i).headsAfter().equals(heads)) {
                through = i;
            }
        }
        if (through == -2) {
            // Not where any step of the group leaves it: another process changed it.
            return;
        }
        committedThrough = Math.max(committedThrough, through);
        committedHeads = heads;
        sentWithCommits = false;
        settled = true;
    }

    /** Whether the stop cancelled the run's transaction: the run's failure is then the stop's. */
    synchronized boolean cancelled() {
        return cancelled;
    }

    /** Refuses, once the stop cancelled the run's transaction, whatever the run would send next but its ROLLBACK. */
    synchronized void refuseIfCancelled() throws SQLException {
        if (cancelled) {
            throw new SQLException("the process is stopping: nothing more is sent", "57014");
        }
    }

    /** The failure of a run whose transaction the stop cancelled: the line the hook printed. */
    synchronized RetortException stoppedFailure(Exception cause) {
        settle();
        return new RetortException("stopped " + whatStays(), cause);
    }

    private String whatStays() {
        if (steps.isEmpty()) {
            return sending && sendingSql == null
                    ? "while the stamp's COMMIT was on its way: whether the version table changed is not known here; "
                            + "run `retort current` to see, then the command again."
                    : "during the stamp: its transaction was not committed, so the version table stays at "
                            + heads(startHeads) + "; run the command again.";
        }
        if (first < 0) {
            return "before its first revision ran: " + database + " stays at " + heads(committedHeads)
                    + "; run the command again.";
        }
        if (committedThrough >= last) {
            return "after the " + direction(steps.get(last)) + " of revision " + steps.get(last).revision().id() + ": "
                    + database + " is at " + heads(committedHeads)
                    + (last == steps.size() - 1 ? "; the run was complete." : "; run the command again to go on.");
        }
        if (settled) {
            Step rolledBack = steps.get(Math.max(first, committedThrough + 1));
            String sent = first == last ? "sent with its COMMIT" : "sent together, each with its COMMIT";
            String it = first == last ? "it"
                    : "the " + direction(rolledBack) + " of revision " + rolledBack.revision().id();
            // Not cancelled: the steps failed on their own just as the stop came, and the run was held back after.
            String fate = cancelled ? "the stop cancelled " + it + " before it committed" : it + " did not commit";
            return "while " + what() + " ran, " + sent + ": " + fate + ", so " + database + " is at "
                    + heads(committedHeads) + "; run the command again.";
        }
        if (sentWithCommits) {
            String upTo = committedThrough >= first
                    ? " (those up to " + steps.get(committedThrough).revision().id() + " are)" : "";
            String fate = first == last
                    ? ", sent with its COMMIT: it is applied whole or not at all, and whether it was is not known here"
                    : ", sent together, each with its COMMIT: each is applied whole or not at all, and which were is "
                            + "not known here" + upTo;
            return "while " + what() + " ran" + fate + "; run `retort current` to see where " + database
                    + " stands, then the command again.";
        }
        if (sending && sendingSql == null && endingRun && !perMigration) {
            // The run's one COMMIT: it makes every step since the start (or since an autocommit part) stay, or none.
            return "while the COMMIT of the run's one transaction (transaction_per_migration = false) was on its way, "
                    + "after the " + direction(steps.get(last)) + " of revision " + steps.get(last).revision().id()
                    + ": whether it committed is not known here, so " + database + " is at "
                    + heads(steps.get(last).headsAfter()) + " or still at " + heads(committedHeads)
                    + "; run `retort current` to see which, then the command again if needed.";
        }
        if (sending && (sendingSql == null || !inAutocommitPart)) {
            return "while a COMMIT of " + what() + " was on its way: what it committed is not known here; run "
                    + "`retort current` to see where " + database + " stands, then the command again.";
        }
        String during = "during " + what() + ": ";
        if (!committedOutside.isEmpty() || sending) {
            // Sending here is a statement of the autocommit part, which commits if it ends before the server
            // notices that the process is gone.
            String running = sending ? " (" + StepFailures.abbreviate(sendingSql) + "), which the server cancels "
                    + "unless it had ended" : "";
            String kept = committedOutside.isEmpty() ? "perhaps the statement its autocommit part was running" + running
                    : StepFailures.committedByAutocommit(committedOutside)
                            + (sending ? " and perhaps the one it was running there" + running : "");
            return during + "the revision was rolled back except " + kept + "; the version table stays at "
                    + heads(committedHeads) + ": " + StepFailures.UNDO_AUTOCOMMIT;
        }
        String transaction = perMigration ? "its transaction was not committed"
                : "the run is one transaction (transaction_per_migration = false), which was not committed";
        String start = !perMigration && committedHeads.equals(startHeads) ? ", where the run started" : "";
        return during + transaction + ", so " + database + " stays at " + heads(committedHeads) + start
                + "; run the command again.";
    }

    /** The step or steps running: {@code the upgrade of revision b (migrations/versions/b_add.sql)}. */
    private String what() {
        Step step = steps.get(first);
        if (first == last) {
            return "the " + direction(step) + " of revision " + step.revision().id() + " ("
                    + StepFailures.display(script.path()) + ")";
        }
        return "the " + direction(step) + " of revisions " + step.revision().id() + " to "
                + steps.get(last).revision().id();
    }

    private static String direction(Step step) {
        return step.direction() == Direction.UPGRADE ? "upgrade" : "downgrade";
    }

    private static String heads(Set<String> heads) {
        return heads.isEmpty() ? "base (no revision)" : String.join(", ", heads);
    }
}
