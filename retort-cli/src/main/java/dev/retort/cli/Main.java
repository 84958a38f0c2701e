package dev.retort.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** The {@code retort} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath()));
    }

    /** Runs one command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
            Path workingDir) {
        if (Arrays.asList(args).contains("--debug")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        return RetortCommand.commandLine(new Session(out, err, environment, workingDir)).execute(args);
    }
}
