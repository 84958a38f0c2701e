package dev.retort.cli;

import dev.retort.script.ThreadOutput;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** The {@code retort} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        // Into a pipe or a file, results go out in blocks, as C's stdio sends them: System.out flushes at every
        // line, a system call for each of the 10,000 lines of a long history. A terminal still gets every line
        // as it is printed.
        Charset encoding = localeEncoding();
        PrintStream results = terminal ? System.out
                : new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
                        encoding);
        // A CI job's log takes both streams into one pipe (2>&1): stderr sends the results waiting before it first,
        // or a summary printed after them would come out first.
        // Mutable: a logger that took the stream before a migration's section is run again to trace a failure (as
        // java.util.logging's console handler does) is muted with the section.
        PrintStream errors = ThreadOutput.mutable(terminal ? System.err
                : new PrintStream(new ResultsFirst(results, new FileOutputStream(FileDescriptor.err)), true, encoding));
        System.setErr(errors);
        // What a Java migration (or a library) prints is a log line, not a result: it goes to stderr with the
        // progress lines, so that `upgrade --sql > script.sql` holds nothing but SQL.
        System.setOut(errors);
        Session session = new Session(results, errors, System.in, terminal, System.getenv(),
                Path.of("").toAbsolutePath());
        int code;
        try {
            code = run(args, session);
        } finally {
            results.flush();
        }
        if (code != 0 && shuttingDown()) {
            // Stopped (SIGTERM, Ctrl-C): the JVM ends with the signal's code once its hooks ran, and the run's hook
            // said how the command ended. An exit with another code now could end the JVM with that code instead.
            return;
        }
        System.exit(code);
    }

    /** Whether the JVM is shutting down: it refuses new shutdown hooks then. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    /**
     * The encoding of the locale, which the terminal or the CI log reading a pipe expects: {@code -Dfile.encoding},
     * which an application may set for its own files, would otherwise be taken for it.
     */
    private static Charset localeEncoding() {
        try {
            return Charset.forName(System.getProperty("native.encoding"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Charset.defaultCharset();
        }
    }

    /** Runs one command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
            Path workingDir) {
        return run(args, new Session(out, err, InputStream.nullInputStream(), false, environment, workingDir));
    }

    /** Standard error that first flushes the results, so that both streams into one pipe keep their order. */
    private static final class ResultsFirst extends OutputStream {
        private final PrintStream results;
        private final OutputStream errors;

        ResultsFirst(PrintStream results, OutputStream errors) {
            this.results = results;
            this.errors = errors;
        }

        @Override
        public void write(int b) throws IOException {
            results.flush();
            errors.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            results.flush();
            errors.write(bytes, offset, length);
        }
    }

    static int run(String[] args, Session session) {
        // picocli otherwise looks for Groovy on the class path at start, a search through every jar that fails,
        // and loads and initialises the java.time and java.sql types it has converters for, which no option uses.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
        if (Arrays.asList(args).contains("--debug")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        String[] asked = RetortCommand.helpOfSubcommand(args);
        return RetortCommand.commandLine(session, asked).execute(asked);
    }
}
