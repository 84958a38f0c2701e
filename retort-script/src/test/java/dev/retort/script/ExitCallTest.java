package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.postgres.PostgresDialect;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java migration that would end the JVM is refused before any of its code runs. */
class ExitCallTest {
    @TempDir
    Path project;

    private Script script(String id, String upgrade, String members) {
        ScriptWriter.write(project.resolve("versions"), new NewRevision(id, "exits", List.of(), List.of(), List.of(),
                LocalDateTime.of(2026, 11, 25, 10, 0), ScriptKind.JAVA, upgrade, "", List.of(), List.of(), members));
        return ScriptDirectory.load(project.resolve("versions")).script(id);
    }

    private void refused(Script script, String call) {
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThatThrownBy(() -> loader.prepare(List.of(script)))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script.fileName() + ": revision " + script.id() + " calls " + call + ", which would stop "
                        + "Retort in the middle of the run; throw an exception to make the migration fail instead.");
    }

    @Test
    void systemExitInUpgrade() {
        refused(script("aaaaaaaaaaa1", "System.exit(3);", ""), "System.exit");
    }

    @Test
    void runtimeHaltInAHelperClassAndStaticInitialiser() {
        refused(script("aaaaaaaaaaa2", "", """
                static int code = Integer.getInteger("no.such.property", 1);
                static {
                    if (code == 2) {
                        Runtime.getRuntime().halt(code);
                    }
                }
                """), "Runtime.halt");
        refused(script("aaaaaaaaaaa3", "Helper.stop();", """
                static final class Helper {
                    static void stop() {
                        Runtime.getRuntime().exit(0);
                    }
                }
                """), "Runtime.exit");
    }

    @Test
    void aMethodReferenceToSystemExit() {
        refused(script("aaaaaaaaaaa4", "java.util.function.IntConsumer stop = System::exit;\nstop.accept(1);", ""),
                "System.exit");
    }

    @Test
    void theWordsInStringsAndCommentsAreFine() {
        Script script = script("aaaaaaaaaaa5",
                "// System.exit(1) would be wrong here\nop.execute(\"SELECT 'System.exit(1); Runtime.halt'\");", "");
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        loader.prepare(List.of(script));
        assertThat(loader.operations(script, true)).hasSize(1);
    }

    @Test
    void aCachedClassIsCheckedAgain() {
        Script script = script("aaaaaaaaaaa6", "System.exit(0);", "");
        refused(script, "System.exit");
        refused(script, "System.exit");
    }
}
