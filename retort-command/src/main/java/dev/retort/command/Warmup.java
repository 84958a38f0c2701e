package dev.retort.command;

import java.text.NumberFormat;
import java.util.GregorianCalendar;

/**
 * One-time set-up a command that connects would otherwise do on its critical path, done on the other core
 * while the command line is parsed: the JDBC driver's first use sets up java.util.logging (which searches
 * every jar for logging back ends) and reads the JDK's calendar and number formats.
 */
public final class Warmup {
    private Warmup() {
    }

    /** Starts the set-up on a daemon thread; whatever fails there fails again, and is reported, where used. */
    public static void start() {
        Thread thread = new Thread(() -> {
            try {
                Database.loadDriver();
                new GregorianCalendar();
                NumberFormat.getIntegerInstance();
            } catch (Throwable e) {
                // Nothing to tell here: the command meets the same failure where it does the real work.
            }
        }, "retort-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
