package dev.retort.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one invocation of the command line works with: its streams, environment and working directory.
 *
 * <p>Results go to {@code out}; progress, notices, questions and errors to {@code err}. {@code interactive}
 * says whether a person is there to answer questions read from {@code in} (a terminal).
 */
record Session(PrintStream out, PrintStream err, InputStream in, boolean interactive, Map<String, String> environment,
        Path workingDir) {
}
