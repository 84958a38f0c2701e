package dev.retort.cli;

import dev.retort.revision.Step;
import dev.retort.runtime.RunListener;
import dev.retort.runtime.StepText;
import dev.retort.script.CapturedOutput;
import dev.retort.script.Script;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows what a run does on stderr. On a terminal one live line is rewritten for each step
 * ({@code [3/300] Running upgrade a1b2 -> c3d4, add phone}), but for a step whose migration printed something, which
 * keeps its line with the messages under it; elsewhere (logs, CI) each step is a plain line in Alembic's words,
 * followed by what its migration printed. The run's length is kept for the closing summary.
 */
final class ProgressListener implements RunListener {
    private final PrintStream err;
    private final boolean live;
    /** Whether the live line is on screen; volatile, as the line of a stopped run (another thread) reads it. */
    private volatile boolean lineOpen;
    private Duration elapsed = Duration.ZERO;

    ProgressListener(PrintStream err, boolean live) {
        this.err = err;
        this.live = live;
    }

    @Override
    public void waitingForLock() {
        endLine();
        err.println("Waiting for another retort run on this database to finish...");
    }

    @Override
    public void waitingForStoppedRun() {
        endLine();
        err.println("Waiting for another retort run whose lock session ended to finish its statements on the "
                + "server...");
    }

    @Override
    public void lockAcquired() {
        err.println("The other run finished; continuing.");
    }

    @Override
    public void stepStarted(Step step, Script script, int index, int total) {
        if (live) {
            // \r and "erase to end of line": the next step overwrites this one.
            err.print("\r\033[K[" + index + "/" + total + "] " + StepText.describe(step));
            err.flush();
            lineOpen = true;
        } else {
            err.println(StepText.describe(step));
        }
    }

    /** What the step's migration printed comes under its line, which then stays: the next step starts a new one. */
    @Override
    public void stepOutput(Step step, Script script, CapturedOutput output) {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
        output.print();
    }

    @Override
    public void warning(String message) {
        endLine();
        err.println("warning: " + message);
    }

    @Override
    public void lockTimeoutRetry(Step step, int attempt, int retries, Duration pause) {
        endLine();
        err.println("Revision " + step.revision().id() + " waited too long for a lock (lock_timeout) and was rolled back; "
                + "trying again in " + Outcome.seconds(pause) + " (" + attempt + " of " + retries + ").");
    }

    /** The step's live line stays, naming the step that was running, and the notice comes under it. */
    @Override
    public void stopped(String message) {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
        err.println("retort: " + message);
        err.flush();
    }

    @Override
    public void runFinished(int steps, Duration elapsed) {
        this.elapsed = elapsed;
        endLine();
    }

    /** How long the last run took. */
    Duration elapsed() {
        return elapsed;
    }

    /** Ends the live line, so that what follows (an error, the summary) starts on a line of its own. */
    void endLine() {
        if (lineOpen) {
            err.print("\r\033[K");
            err.flush();
            lineOpen = false;
        }
    }
}
