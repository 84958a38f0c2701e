package dev.retort.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Names the signal that stops the process (SIGTERM, SIGINT, SIGHUP) for the line a stopped run prints, since a
 * shutdown hook is not told why the JVM exits. While a run changes the database, each of these signals is heard
 * here first, then passed on to the handler that was there: the JVM's, which runs the shutdown hooks and exits
 * with 128 + the signal's number (143 for SIGTERM, 130 for SIGINT), or an application's. A signal the process
 * ignores (SIGINT of a job started in the background) stays ignored, and one the JVM keeps to itself ({@code -Xrs})
 * is not heard: the line then says "stopped" without naming it.
 *
 * <p>{@code sun.misc.Signal} is the JDK's supported way to do this (module {@code jdk.unsupported}).
 */
final class StopSignal {
    private static final List<String> NAMES = List.of("TERM", "INT", "HUP");
    /** The relays installed, while {@link #listeners} is above zero. */
    private static final List<Relay> relays = new ArrayList<>();
    private static int listeners;
    private static volatile String received;

    private StopSignal() {
    }

    /** Starts hearing the stop signals, for a run that changes the database; {@link #release} ends it. */
    static synchronized void listen() {
        if (listeners++ > 0) {
            return;
        }
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            Relay relay = new Relay(signal);
            try {
                relay.next = Signal.handle(signal, relay);
            } catch (IllegalArgumentException e) {
                continue; // the JVM keeps the signal (-Xrs)
            }
            if (relay.next == SignalHandler.SIG_IGN || relay.next == SignalHandler.SIG_DFL) {
                // No Java handler to pass the signal on to: the system's ignoring or default action is put back.
                Signal.handle(signal, relay.next);
            } else {
                relays.add(relay);
            }
        }
    }

    /** Puts back the handlers {@link #listen} found, once no run that changes the database is left. */
    static synchronized void release() {
        if (--listeners > 0) {
            return;
        }
        for (Relay relay : relays) {
            Signal.handle(relay.signal, relay.next);
        }
        relays.clear();
    }

    /** The first stop signal received while heard, as {@code SIGTERM}. */
    static Optional<String> received() {
        return Optional.ofNullable(received);
    }

    /** Notes a signal's name and passes it on to the handler that was there before. */
    private static final class Relay implements SignalHandler {
        private final Signal signal;
        private SignalHandler next;

        Relay(Signal signal) {
            this.signal = signal;
        }

        @Override
        public void handle(Signal sig) {
            SignalHandler passTo;
            // Taken once listen() has set next: a signal that comes while it installs this waits for it.
            synchronized (StopSignal.class) {
                if (received == null) {
                    received = "SIG" + sig.getName();
                }
                passTo = next;
            }
            if (passTo == SignalHandler.SIG_IGN) {
                return;
            }
            if (passTo == SignalHandler.SIG_DFL) {
                // The system's default for these signals: end the process at once, with the shell's exit code.
                Runtime.getRuntime().halt(128 + sig.getNumber());
            }
            passTo.handle(sig);
        }
    }
}
