package dev.retort.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one PostgreSQL program to completion, its output appended to a file.
 *
 * <p>Output goes to a file and never to a pipe: {@code pg_ctl start} leaves a server behind, and a
 * server holding this JVM's pipe would keep it from ever seeing the end of the output.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** What PostgreSQL's programs are given of this JVM's environment; none of them needs more. */
    static final Set<String> INHERITED = Set.of("PATH", "TZ");

    private CommandRunner() {
    }

    /**
     * Runs {@code command} in {@code workingDirectory} and returns its exit code.
     *
     * <p>The working directory must be reachable by the server account: PostgreSQL's programs look
     * up their current directory and fail inside a directory they cannot enter.
     */
    static int run(List<String> command, Path workingDirectory, Path output, Duration timeout) {
        return run(command, workingDirectory, output, timeout, Optional.empty());
    }

    /**
     * Like {@link #run(List, Path, Path, Duration)}, writing {@code input} to the program's standard input: through a
     * pipe, so that what it holds (a password) is in no file and on no command line.
     */
    static int run(List<String> command, Path workingDirectory, Path output, Duration timeout, String input) {
        return run(command, workingDirectory, output, timeout, Optional.of(input));
    }

    private static int run(List<String> command, Path workingDirectory, Path output, Duration timeout,
            Optional<String> input) {
        LOG.debug("Running {}", String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(input.isPresent() ? ProcessBuilder.Redirect.PIPE
                        : ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = environment(builder.environment());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (input.isPresent()) {
                write(process, input.get());
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedPostgresException(program(command)
                        + " did not finish within " + timeout.toSeconds() + " seconds; see " + output + ".");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not run " + program(command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("Interrupted while running " + program(command) + ".", e);
        }
    }

    /** Writes {@code input} to the program and closes its input; one that stopped reading shows in its exit code. */
    private static void write(Process process, String input) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("The program stopped reading its input: {}", e.getMessage());
        }
    }

    /** Names the PostgreSQL program in {@code command}, skipping a {@code setpriv ... --} prefix. */
    private static String program(List<String> command) {
        int separator = command.indexOf("--");
        String executable = command.get(separator >= 0 && separator + 1 < command.size() ? separator + 1 : 0);
        return Path.of(executable).getFileName().toString();
    }

    /**
     * The environment of PostgreSQL's programs, from {@code inherited} (this JVM's): {@link #INHERITED} and a fixed
     * locale, so that messages are in English. Nothing else reaches them, since the server keeps its environment for
     * as long as it runs and others can read it: when Retort is root the server runs as {@code nobody}, whose every
     * other process may read {@code /proc/PID/environ}, and any user of the machine may connect to it as its
     * superuser and read the file with {@code pg_read_binary_file}. This JVM's may hold {@code DATABASE_URL},
     * {@code DB_PASSWORD} or a cloud token; and the {@code PG} variables a developer set for another PostgreSQL
     * ({@code PGDATA}, {@code PGPORT}, ...) would mislead these programs.
     */
    static Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> environment = new HashMap<>();
        for (String name : INHERITED) {
            if (inherited.containsKey(name)) {
                environment.put(name, inherited.get(name));
            }
        }
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
        return environment;
    }
}
