package dev.retort.script;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Keeps what one thread prints out of the process's output while it runs a Java migration's section other than as
 * the section's step runs: a section's messages belong under its step's progress line, once.
 *
 * <p>{@link #muted} drops what the thread prints: a section that Retort runs only to learn about it (the line of each
 * call on {@code op}, whether its downgrade throws) would print the section's messages a second time, and its author
 * would wonder whether the data fix in it ran twice. {@link #capture} keeps it instead, section by section, for the
 * run to print when each section's step runs: a run records every section before its first step, so the messages
 * would otherwise all come first, before any step, even those of steps that a failure keeps from running.
 *
 * <p>Both put streams that route what this thread writes (and pass on what every other thread writes) in place of
 * System.out and System.err, and put the streams they replaced back after. What holds a stream it took earlier, as
 * java.util.logging's console handler holds System.err, writes past that swap: the command line makes its own
 * stderr {@link #mutable} for this. Threads the muted or captured code starts are neither muted nor captured.
 */
public final class ThreadOutput {
    /** Where this thread's writes to a mutable stream go instead of on; none (null) passes them on. */
    private static final ThreadLocal<Recorder> RECORDER = new ThreadLocal<>();
    /** How many muted calls and captures are open, and the streams the first of them replaced; guarded by the class. */
    private static int muting;
    private static PrintStream out;
    private static PrintStream err;
    private static PrintStream mutableOut;
    private static PrintStream mutableErr;

    private ThreadOutput() {
    }

    /** Runs {@code code} with nothing it prints on this thread reaching System.out, System.err or a mutable stream. */
    public static <T> T muted(Supplier<T> code) {
        Recorder before = RECORDER.get();
        if (before == Recorder.MUTED) {
            return code.get();
        }
        swap();
        RECORDER.set(Recorder.MUTED);
        try {
            return code.get();
        } finally {
            put(before);
            restore();
        }
    }

    /**
     * Starts keeping what this thread prints to System.out, System.err and mutable streams, until the capture is
     * closed; {@link Capture#take} hands over what was kept so far. One capture serves many sections: the streams are
     * swapped once for all of them, and a section that prints nothing costs a look at a thread-local. Captured while
     * muted, the thread stays muted. The capture belongs to this thread: take from it and close it here.
     */
    public static Capture capture() {
        return new Capture();
    }

    /**
     * {@code stream}, passing on what a thread writes unless the thread is in {@link #muted} or a {@link #capture}; for
     * a stream that lives longer than a muted call or a capture and that others may hold, such as the command line's
     * stderr.
     */
    public static PrintStream mutable(PrintStream stream) {
        return stream instanceof MutableStream ? stream : new MutableStream(stream);
    }

    /** Where what this thread writes to a mutable stream goes instead of on to its target; null when it goes on. */
    static Recorder recorder() {
        return RECORDER.get();
    }

    private static void put(Recorder recorder) {
        if (recorder == null) {
            RECORDER.remove();
        } else {
            RECORDER.set(recorder);
        }
    }

    /** What one thread prints, kept from its {@link ThreadOutput#capture} until it is closed. */
    public static final class Capture implements AutoCloseable {
        private final Recorder before;
        private final Recorder recorder;
        /** System.out and System.err while the capture is open: the streams the thread's pieces are written to. */
        private final PrintStream out;
        private final PrintStream err;
        private boolean closed;

        private Capture() {
            before = RECORDER.get();
            recorder = before == Recorder.MUTED ? Recorder.MUTED : Recorder.keeping();
            swap();
            out = System.out;
            err = System.err;
            RECORDER.set(recorder);
        }

        /** What the thread printed since the capture started or since the last take; NONE if nothing. */
        public CapturedOutput take() {
            return recorder.take().writtenWith(out, err);
        }

        /**
         * Puts the thread's output back as it was, and prints what was kept and not taken: what code that failed
         * printed before it threw is then printed before its error, as it would have been without the capture.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            CapturedOutput left = recorder.take();
            put(before);
            restore();
            left.print();
        }
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
