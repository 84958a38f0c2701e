package dev.retort.runtime;

import dev.retort.revision.Plan;
import dev.retort.revision.Step;
import dev.retort.script.MigrationLoader;
import dev.retort.script.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The scripts of a plan parsed (and Java ones compiled) on a thread of their own, while the run opens its lock's
 * connection and reads the database again: the main thread mostly waits for the server there, and would otherwise
 * parse them afterwards, before the first step. The loader is the thread's alone until {@link #await()} or
 * {@link #close()} returns.
 */
final class Preparation implements AutoCloseable {
    /** Completes when the thread is done, whatever it threw; its {@code join} is not interrupted. */
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Throwable failure;

    private Preparation(MigrationLoader loader, List<Script> scripts) {
        Thread thread = new Thread(() -> {
            try {
                loader.prepare(scripts);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.complete(null);
            }
        }, "retort-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts preparing the scripts of {@code plan}'s steps. */
    static Preparation start(RunContext context, Plan plan) {
        List<Script> scripts = new ArrayList<>(plan.steps().size());
        for (Step step : plan.steps()) {
            scripts.add(context.scripts().script(step.revision().id()));
        }
        return new Preparation(context.loader(), scripts);
    }

    /** Waits until the scripts are prepared; throws what preparing them threw (a broken file, a compile error). */
    void await() {
        done.join();
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    /** Waits until the thread is done, whatever it threw: the run is ending, on another error. */
    @Override
    public void close() {
        done.join();
    }
}
