package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileOutputFailureTest {
    /**
     * javac could not write a class (a full disk; here a file-size limit, "File too large"), and the message said
     * "Fix the migration", which compiled.
     */
    @Test
    void aClassThatCannotBeWrittenIsNotBlamedOnTheMigration(@TempDir Path project) throws Exception {
        String constant = "x".repeat(4000);
        ScriptWriter.write(project.resolve("versions"), new NewRevision("aaaaaaaaaaaa", "first", List.of(),
                List.of(), List.of(), LocalDateTime.of(2026, 12, 7, 10, 0), ScriptKind.JAVA,
                "op.execute(\"SELECT '" + constant + "'\");", "op.execute(\"SELECT 1\");"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder("bash", "-c", "ulimit -f 2 && exec \"$0\" -XX:-UsePerfData -Xshare:off "
                + "-cp \"$1\" dev.retort.script.CompileMigrationMain \"$2\" aaaaaaaaaaaa", java,
                System.getProperty("java.class.path"), project.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isEqualTo(1);
        assertThat(output).startsWith("Could not write the compiled migrations into "
                + project.resolve(".retort/cache/java") + ": File too large. The migrations themselves compiled; ")
                .doesNotContain("Fix the migration");
    }
}
