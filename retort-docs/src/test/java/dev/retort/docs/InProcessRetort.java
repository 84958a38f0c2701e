package dev.retort.docs;

import dev.retort.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the {@code retort} command line inside this JVM, through {@link Main#run}. */
final class InProcessRetort {
    private InProcessRetort() {
    }

    /**
     * What one command did.
     *
     * @param exitCode 0 success, 1 failure, 2 usage error
     * @param output stdout and stderr interleaved as they were written, as a terminal shows them;
     *     stderr alone when stdout went to a file
     */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code retort ARGS} in {@code workingDir}; with {@code stdoutFile}, stdout goes there instead. */
    static Result run(List<String> args, Map<String, String> environment, Path workingDir, Optional<Path> stdoutFile) {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(terminal, true, StandardCharsets.UTF_8);
             OutputStream file = stdoutFile.isPresent() ? Files.newOutputStream(stdoutFile.get()) : null;
             PrintStream out = file == null ? null : new PrintStream(file, true, StandardCharsets.UTF_8)) {
            int exitCode = Main.run(args.toArray(String[]::new), out == null ? err : out, err, environment, workingDir);
            return new Result(exitCode, terminal.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write retort's output to " + stdoutFile.get() + ": " + e.getMessage(), e);
        }
    }
}
