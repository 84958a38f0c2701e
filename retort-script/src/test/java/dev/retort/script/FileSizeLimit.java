package dev.retort.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs a test's main class in a JVM whose files may not grow past a size, as a full disk stops a write half-way:
 * the JVM meets the limit as an {@code IOException} ("File too large").
 */
final class FileSizeLimit {
    private FileSizeLimit() {
    }

    /** The output of {@code main} run with {@code args} under a limit of {@code kilobytes}; its exit code is 1. */
    static String failingRun(int kilobytes, Class<?> main, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // bash's own argument list keeps the paths whole: "$0" is java, "$1" the classpath, "$@" past it the args.
        String command = "ulimit -f " + kilobytes + " && cp=\"$1\" && shift && exec \"$0\" -XX:-UsePerfData "
                + "-Xshare:off -cp \"$cp\" " + main.getName() + " \"$@\"";
        String[] line = new String[args.length + 5];
        line[0] = "bash";
        line[1] = "-c";
        line[2] = command;
        line[3] = java;
        line[4] = System.getProperty("java.class.path");
        System.arraycopy(args, 0, line, 5, args.length);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 1) {
            throw new AssertionError("expected exit code 1, got " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
