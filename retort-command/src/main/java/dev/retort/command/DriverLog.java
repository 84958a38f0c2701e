package dev.retort.command;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the JDBC driver's own warnings go. The driver logs through java.util.logging, whose default handler
 * printed them as two lines with a timestamp and a class name ({@code WARNING: Couldn't parse loginTimeout
 * value: abc}) among Retort's own output; they now come as one {@code warning:} line like Retort's.
 */
final class DriverLog {
    /** Held here because java.util.logging keeps loggers only weakly, and a collected logger loses its handler. */
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    private DriverLog() {
    }

    /** Sends the driver's warnings and errors to {@code err} as single lines, and nothing below them. */
    static void install(PrintStream err) {
        DRIVER.setUseParentHandlers(false);
        DRIVER.setLevel(Level.WARNING);
        DRIVER.addHandler(new Handler() {
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
