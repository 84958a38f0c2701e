package dev.retort.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** The {@code retort} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Session session = new Session(System.out, System.err, System.in, System.console() != null, System.getenv(),
                Path.of("").toAbsolutePath());
        System.exit(run(args, session));
    }

    /** Runs one command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
            Path workingDir) {
        return run(args, new Session(out, err, InputStream.nullInputStream(), false, environment, workingDir));
    }

    static int run(String[] args, Session session) {
        // picocli otherwise looks for Groovy on the class path at start, a search through every jar that fails,
        // and loads and initialises the java.time and java.sql types it has converters for, which no option uses.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
        if (Arrays.asList(args).contains("--debug")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        return RetortCommand.commandLine(session, args).execute(args);
    }
}
