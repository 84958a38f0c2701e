package dev.retort.runtime;

import dev.retort.revision.Step;
import dev.retort.script.CapturedOutput;
import dev.retort.script.Script;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Hears what a run does, for progress output. Every method but {@link #stepOutput} and {@link #stopped} (which
 * print) and {@link #warning} (which logs) does nothing by default, so adding an event breaks no listener.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** Another run holds the lock; this one waits for it. */
    default void waitingForLock() {
    }

    default void lockAcquired() {
    }

    /**
     * Another run whose lock session ended, because the run was stopped (killed) or its lock connection was lost,
     * still has statements it sent running on the server; this one waits for them to end before it reads the version
     * table.
     */
    default void waitingForStoppedRun() {
    }

    /**
     * A step is about to run; {@code index} counts from 1 up to {@code total}. Steps sent to the server together
     * are reported when they are back: each step's start and finish in order, and for a failed one its start, so
     * that no step is ever reported before it ran.
     */
    default void stepStarted(Step step, Script script, int index, int total) {
    }

    /**
     * What a Java migration's section printed while Retort recorded its operations, before the run's first step:
     * it comes right after the step's {@link #stepStarted}, once, and only when the section printed something. By
     * default it is printed to the streams it was written to; a listener that shows progress in place (a terminal's
     * live line) makes room for it first.
     */
    default void stepOutput(Step step, Script script, CapturedOutput output) {
        output.print();
    }

    /**
     * A step ran: it committed, or in a run that is one transaction its statements ran (the run's COMMIT comes
     * after the last step). For steps sent together, {@code elapsed} is their time shared out evenly among them.
     */
    default void stepFinished(Step step, Script script, Duration elapsed) {
    }

    default void runFinished(int steps, Duration elapsed) {
    }

    /**
     * Something the user should know that does not stop the command, such as what a failed run left behind, or
     * another tool's version table in a database Retort has recorded nothing in. By default it is logged through
     * SLF4J at WARN, under {@code dev.retort.runtime.RunListener}: an application that runs Retort with
     * {@link #NONE} would otherwise never hear what the command line prints as {@code warning: ...}. A listener that
     * shows warnings itself (the command line's) overrides this, so that each is told once.
     */
    default void warning(String message) {
        LoggerFactory.getLogger(RunListener.class).warn("{}", message);
    }

    /**
     * The process is stopping (a signal: SIGTERM, Ctrl-C) while the run changes the database; {@code message} says
     * what the database holds, from {@code "stopped during the upgrade of revision ..."} on. Called from a
     * shutdown hook, while the run's thread may still be running: it must return at once. By default it is printed
     * on stderr, {@code retort: } first: a listener that showed nothing would leave whoever stopped the run with no
     * word of what it left.
     */
    default void stopped(String message) {
        System.err.println("retort: " + message);
    }

    /** A step waited longer than lock_timeout for a lock; it was rolled back and runs again after {@code pause}. */
    default void lockTimeoutRetry(Step step, int attempt, int retries, Duration pause) {
    }
}
