package dev.retort.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one invocation of the command line works with: its streams, environment and working directory.
 *
 * <p>Results go to {@code out}; progress, notices and errors to {@code err}.
 */
record Session(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDir) {
}
