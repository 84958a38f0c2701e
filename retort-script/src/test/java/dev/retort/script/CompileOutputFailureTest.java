package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

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
        String output = FileSizeLimit.failingRun(2, CompileMigrationMain.class, project.toString(), "aaaaaaaaaaaa");
        assertThat(output).startsWith("Could not write the compiled migrations into "
                + project.resolve(".retort/cache/java") + ": File too large. The migrations themselves compiled; ")
                .doesNotContain("Fix the migration");
    }
}
