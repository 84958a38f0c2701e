package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Retort prints into a pipe is in the locale's encoding, which is the terminal's and the CI log's: a JVM option
 * such as {@code -Dfile.encoding=ISO-8859-1} (for an application's own files) turned "Größe" into "Gr��e" and an
 * emoji into "?".
 */
class OutputEncodingTest {
    @TempDir
    Path dir;

    @Test
    void resultsAndMessagesFollowTheLocaleNotFileEncoding() throws Exception {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/unused");
        cli.sql("a00000000001", "none", "Größe \uD83D\uDE80", "SELECT 1;", "SELECT 1;");
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=ISO-8859-1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "history").directory(dir.toFile());
        java.environment().put("LC_ALL", "C.UTF-8");
        Process process = java.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(out, StandardCharsets.UTF_8)).as(new String(err, StandardCharsets.UTF_8))
                .contains("Größe \uD83D\uDE80");
    }
}
