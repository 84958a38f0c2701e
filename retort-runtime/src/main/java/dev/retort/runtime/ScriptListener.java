package dev.retort.runtime;

import dev.retort.revision.Step;
import dev.retort.script.CapturedOutput;
import dev.retort.script.Script;
import java.time.Duration;

/**
 * The listener of a run that prints its SQL ({@code --sql}): the caller's, but what a Java migration printed on
 * System.out reaches it as printed on System.err. The script usually goes to System.out (the documented
 * {@code upgradeSql(range, System.out)}), and a message in it between {@code COMMIT;} and the next step would make
 * psql fail on the script; the command line, whose System.out is its stderr, sends the messages there too.
 */
final class ScriptListener implements RunListener {
    private final RunListener listener;

    ScriptListener(RunListener listener) {
        this.listener = listener;
    }

    @Override
    public void stepOutput(Step step, Script script, CapturedOutput output) {
        listener.stepOutput(step, script, output.outOnErr());
    }

    @Override
    public void waitingForLock() {
        listener.waitingForLock();
    }

    @Override
    public void lockAcquired() {
        listener.lockAcquired();
    }

    @Override
    public void waitingForStoppedRun() {
        listener.waitingForStoppedRun();
    }

    @Override
    public void stepStarted(Step step, Script script, int index, int total) {
        listener.stepStarted(step, script, index, total);
    }

    @Override
    public void stepFinished(Step step, Script script, Duration elapsed) {
        listener.stepFinished(step, script, elapsed);
    }

    @Override
    public void runFinished(int steps, Duration elapsed) {
        listener.runFinished(steps, elapsed);
    }

    @Override
    public void warning(String message) {
        listener.warning(message);
    }

    @Override
    public void stopped(String message) {
        listener.stopped(message);
    }

    @Override
    public void lockTimeoutRetry(Step step, int attempt, int retries, Duration pause) {
        listener.lockTimeoutRetry(step, attempt, retries, pause);
    }
}
