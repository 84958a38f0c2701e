package dev.retort.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a test's {@code main} class in a second JVM, to check what holds across processes. */
final class ChildJvm {
    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code main} with {@code args} in a new JVM on this test's class path. */
    static ChildJvm start(Class<?> main, String... args) throws IOException {
        return start(Map.of(), main, args);
    }

    /** Starts {@code main} with {@code args} in a new JVM whose environment has {@code variables} too. */
    static ChildJvm start(Map<String, String> variables, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(variables);
        return new ChildJvm(builder.start());
    }

    /** Waits for the JVM to exit and returns what it printed; fails when it exits with an error. */
    String output() throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new AssertionError("child JVM exited with " + exit + ":\n" + output);
        }
        return output;
    }

    /** Returns the last line printed, where the {@code main} classes put their answer. */
    String lastLine() throws IOException, InterruptedException {
        List<String> lines = output().strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
