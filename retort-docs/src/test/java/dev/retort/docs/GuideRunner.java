package dev.retort.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a guide's {@code sh} blocks in order, in one working directory, and checks each {@code text} block
 * against the output of the {@code sh} block before it.
 *
 * <p>{@code retort ARGS} runs in this JVM ({@link InProcessRetort}); {@code cd DIR} and {@code export VAR=...}
 * change the runner's working directory and environment; every other command runs with {@code bash -c} in
 * that directory with that environment. Revision ids follow {@link RevisionIds}. The first command that
 * exits with another code than the guide promises, or the first output that differs, fails the run with an
 * {@link AssertionError} that names the block, the command, and what was expected and printed.
 */
final class GuideRunner {
    private static final Pattern EXPORT = Pattern.compile("export\\s+([A-Za-z_][A-Za-z0-9_]*)=.*");
    private static final long BASH_TIMEOUT_SECONDS = 120;

    private final Map<String, String> environment;
    private Path workingDir;
    private RevisionIds ids = RevisionIds.none();

    /** A runner starting in {@code workingDir} with {@code environment}, for both retort and bash. */
    GuideRunner(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = new HashMap<>(environment);
    }

    /** Runs the blocks in order; throws an {@link AssertionError} at the first failure. */
    void run(List<FencedBlock> blocks) {
        Optional<String> previousOutput = Optional.empty();
        FencedBlock previous = null;
        for (FencedBlock block : blocks) {
            switch (block.info()) {
                case "sh" -> previousOutput = block.skipped() ? Optional.empty() : Optional.of(runBlock(block));
                case "text" -> {
                    if (previousOutput.isEmpty()) {
                        throw new AssertionError(block.where() + ": this text block shows output, but the block before it is "
                                + (previous == null ? "missing" : "not an sh block that runs") + ".");
                    }
                    check(block, previous, previousOutput.get());
                    previousOutput = Optional.empty();
                }
                default -> previousOutput = Optional.empty();
            }
            previous = block;
        }
    }

    /** The working directory after the commands run so far (a guide's {@code cd} moves it). */
    Path workingDir() {
        return workingDir;
    }

    /** The revision ids bound so far. */
    RevisionIds ids() {
        return ids;
    }

    private String runBlock(FencedBlock block) {
        StringBuilder output = new StringBuilder();
        for (ShellCommand command : ShellCommand.parse(block)) {
            String text;
            try {
                text = ids.substitute(command.text());
            } catch (IllegalArgumentException e) {
                throw new AssertionError(where(block, command) + ": " + e.getMessage(), e);
            }
            InProcessRetort.Result result = execute(block, command, text);
            output.append(result.output());
            if (result.exitCode() != command.expectedExit()) {
                throw new AssertionError(where(block, command) + ": `" + command.firstLine() + "` exited with "
                        + result.exitCode() + ", but the guide expects " + command.expectedExit()
                        + (command.expectedExit() == 0 ? "" : " (`# exits " + command.expectedExit() + "`)")
                        + ". Its output:\n" + indent(result.output()));
            }
        }
        return output.toString();
    }

    private InProcessRetort.Result execute(FencedBlock block, ShellCommand command, String text) {
        String firstLine = text.lines().findFirst().orElse("");
        String firstWord = firstLine.strip().split("\\s+", 2)[0];
        if (command.hasHeredoc() || !List.of("retort", "cd", "export").contains(firstWord)) {
            return bash(text);
        }
        ShellWords words;
        try {
            words = ShellWords.split(firstLine, environment);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(where(block, command) + ": " + e.getMessage(), e);
        }
        return switch (firstWord) {
            case "retort" -> InProcessRetort.run(words.words().subList(1, words.words().size()), environment, workingDir,
                    words.stdoutFile().map(workingDir::resolve));
            case "cd" -> cd(block, command, words);
            default -> export(block, command, firstLine);
        };
    }

    private InProcessRetort.Result cd(FencedBlock block, ShellCommand command, ShellWords words) {
        if (words.words().size() != 2 || words.stdoutFile().isPresent()) {
            throw new AssertionError(where(block, command) + ": the runner understands `cd DIR` with one directory only.");
        }
        Path target = workingDir.resolve(words.words().get(1)).normalize();
        if (!Files.isDirectory(target)) {
            return new InProcessRetort.Result(1, "cd: " + words.words().get(1) + ": No such directory\n");
        }
        workingDir = target;
        return new InProcessRetort.Result(0, "");
    }

    /** Lets bash evaluate the assignment, so that quotes and variables mean what they mean in a shell. */
    private InProcessRetort.Result export(FencedBlock block, ShellCommand command, String line) {
        Matcher export = EXPORT.matcher(line.strip());
        if (!export.matches()) {
            throw new AssertionError(where(block, command) + ": the runner understands `export NAME=VALUE` only.");
        }
        String name = export.group(1);
        InProcessRetort.Result result = bash(line + "\nprintf '%s' \"$" + name + "\"");
        if (result.exitCode() == 0) {
            environment.put(name, result.output());
            return new InProcessRetort.Result(0, "");
        }
        return result;
    }

    private InProcessRetort.Result bash(String script) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(BASH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new InProcessRetort.Result(-1, "(still running after " + BASH_TIMEOUT_SECONDS + " s; stopped)\n");
            }
            return new InProcessRetort.Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run bash: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running bash.", e);
        }
    }

    private void check(FencedBlock text, FencedBlock sh, String output) {
        List<String> expected = text.lines();
        List<String> actual = output.isEmpty() ? List.of() : List.of(output.split("\n", -1));
        if (!actual.isEmpty() && actual.get(actual.size() - 1).isEmpty()) {
            actual = actual.subList(0, actual.size() - 1);
        }
        OutputMatcher.Result result = OutputMatcher.match(expected, actual, ids);
        if (result instanceof OutputMatcher.Match match) {
            ids = match.ids();
            return;
        }
        int line = ((OutputMatcher.Mismatch) result).expectedLine();
        throw new AssertionError(text.where() + ": the output of the sh block at " + sh.where() + " ("
                + String.join(", ", ShellCommand.parse(sh).stream().map(c -> "`" + c.firstLine() + "`").toList())
                + ") differs from the guide; "
                + (line < expected.size()
                        ? "no output line matches the guide's line " + (text.line() + 1 + line) + ": `" + expected.get(line) + "`"
                        : "the output has more lines than the guide shows")
                + ".\nExpected (the guide):\n" + indent(String.join("\n", expected))
                + "\nActual:\n" + indent(String.join("\n", actual))
                + "\nRevision ids bound so far: " + ids);
    }

    private static String where(FencedBlock block, ShellCommand command) {
        return block.file().getFileName() + ":" + command.line() + " (sh block at line " + block.line() + ")";
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    | " + line).reduce((a, b) -> a + "\n" + b).orElse("    | (nothing)");
    }
}
