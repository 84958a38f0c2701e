package dev.retort.cli;

import dev.retort.revision.Step;
import dev.retort.runtime.RunListener;
import dev.retort.runtime.StepText;
import dev.retort.script.Script;
import java.io.PrintStream;

/** Prints what a run does on stderr, in Alembic's words: {@code Running upgrade a1b2 -> c3d4, add phone}. */
final class ProgressListener implements RunListener {
    private final PrintStream err;

    ProgressListener(PrintStream err) {
        this.err = err;
    }

    @Override
    public void waitingForLock() {
        err.println("Waiting for another retort run on this database to finish...");
    }

    @Override
    public void lockAcquired() {
        err.println("The other run finished; continuing.");
    }

    @Override
    public void stepStarted(Step step, Script script, int index, int total) {
        err.println(StepText.describe(step));
    }
}
