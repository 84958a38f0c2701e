package dev.retort.script;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Keeps what one thread prints out of the process's output while it runs code whose messages are not news: a Java
 * migration's section that Retort runs only to learn about it (the line of each call on {@code op}, whether its
 * downgrade throws) would print the section's messages a second time, and its author would wonder whether the data
 * fix in it ran twice.
 *
 * <p>{@link #muted} puts streams that drop what the muted thread writes (and pass on what every other thread writes)
 * in place of System.out and System.err, and puts the streams it replaced back after. What holds a stream it took
 * earlier, as java.util.logging's console handler holds System.err, writes past that swap: the command line makes
 * its own stderr {@link #mutable} for this. Threads the muted code starts are not muted.
 */
public final class ThreadOutput {
    private static final ThreadLocal<Boolean> MUTED = new ThreadLocal<>();
    /** How many threads are in {@link #muted}, and the streams the first of them replaced; guarded by the class. */
    private static int muting;
    private static PrintStream out;
    private static PrintStream err;
    private static PrintStream mutableOut;
    private static PrintStream mutableErr;

    private ThreadOutput() {
    }

    /** Runs {@code code} with nothing it prints on this thread reaching System.out, System.err or a mutable stream. */
    public static <T> T muted(Supplier<T> code) {
        if (isMuted()) {
            return code.get();
        }
        swap();
        MUTED.set(Boolean.TRUE);
        try {
            return code.get();
        } finally {
            MUTED.remove();
            restore();
        }
    }

    /**
     * {@code stream}, passing on what a thread writes unless the thread is in {@link #muted}; for a stream that lives
     * longer than a muted call and that others may hold, such as the command line's stderr.
     */
    public static PrintStream mutable(PrintStream stream) {
        return stream instanceof MutableStream ? stream : new MutableStream(stream);
    }

    static boolean isMuted() {
        return MUTED.get() != null;
    }

    private static synchronized void swap() {
        if (muting++ > 0) {
            return;
        }
        out = System.out;
        err = System.err;
        mutableOut = mutable(out);
        mutableErr = mutable(err);
        System.setOut(mutableOut);
        System.setErr(mutableErr);
    }

    private static synchronized void restore() {
        if (--muting > 0) {
            return;
        }
        // A stream that someone else put in place meanwhile is theirs to keep.
        if (System.out == mutableOut) {
            System.setOut(out);
        }
        if (System.err == mutableErr) {
            System.setErr(err);
        }
        out = null;
        err = null;
        mutableOut = null;
        mutableErr = null;
    }
}
