package dev.retort.command;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the JDBC driver's own warnings go on the command line. The driver logs through java.util.logging, whose
 * default handler printed them as two lines with a timestamp and a class name ({@code WARNING: Couldn't parse
 * loginTimeout value: abc}) among Retort's own output; there they now come as one {@code warning:} line like
 * Retort's. An application calling Retort's Java API keeps its own logging set-up: only {@link #route} changes it.
 */
public final class DriverLog {
    /** Held here because java.util.logging keeps loggers only weakly, and a collected logger loses its handler. */
    private static Logger driver;
    private static volatile PrintStream routed;

    private DriverLog() {
    }

    /**
     * Has the driver's warnings and errors go to {@code err} as single lines, and nothing below them, once the driver
     * is loaded; for the command line. Touches nothing until then, so that a command that never connects does not
     * start java.util.logging.
     */
    public static void route(PrintStream err) {
        routed = err;
    }

    /** Installs the handler {@link #route} asked for, if it did; called as the driver is loaded. */
    static synchronized void installIfRouted() {
        PrintStream err = routed;
        if (err == null || driver != null) {
            return;
        }
        driver = Logger.getLogger("org.postgresql");
        driver.setUseParentHandlers(false);
        driver.setLevel(Level.WARNING);
        driver.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    err.println("warning: the PostgreSQL driver says: " + text(record));
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                // The stream is the process's; it is not this handler's to close.
            }
        });
    }

    /** The record's message with its parameters filled in as java.util.logging does, on one line. */
    static String text(LogRecord record) {
        return new SimpleFormatter().formatMessage(record).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
