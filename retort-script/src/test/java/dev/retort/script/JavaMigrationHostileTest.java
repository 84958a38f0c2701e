package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.postgres.PostgresDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java migrations written to break things: their failures become one-line errors naming the file. */
class JavaMigrationHostileTest {
    @TempDir
    Path project;

    private static String migration(String id, String message, String upgrade, String members) {
        return """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "%s", message = "%s")
                class Hostile_%s implements Migration {
                    public void upgrade(Operations op) {
                        %s
                    }
                    public void downgrade(Operations op) {
                    }
                    %s
                }
                """.formatted(id, message, id, upgrade, members);
    }

    private Script script(String id, String upgrade, String members) throws Exception {
        Path versions = Files.createDirectories(project.resolve("versions"));
        Files.writeString(versions.resolve(id + "_hostile.java"), migration(id, "hostile", upgrade, members));
        return ScriptDirectory.load(versions).script(id);
    }

    @Test
    void aMessageWithLineBreaksIsReadAsOneLine() {
        String source = migration("aaaaaaaaaaa1", "first\\nDROP TABLE victim;\\r\\nthird", "", "");
        assertThat(JavaMigrationHeader.parse("x.java", source).revision().message())
                .isEqualTo("first DROP TABLE victim; third");
    }

    @Test
    void anIdWithALineBreakIsQuotedOnOneLine() {
        assertThatThrownBy(() -> JavaMigrationHeader.parse("x.java", "@Revision(id = \"aaaa\\naaaaaaaa\") class A {}"))
                .hasMessage("x.java: @Revision id 'aaaa\\naaaaaaaa' is not 12 lowercase hex characters.");
    }

    @Test
    void errorsFromTheMigrationsOwnCodeBecomeScriptErrors() throws Exception {
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        Script asserts = script("aaaaaaaaaaa2", "throw new AssertionError(\"line one\\nline two\");", "");
        loader.prepare(List.of(asserts));
        assertThatThrownBy(() -> loader.operations(asserts, true)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa2_hostile.java:8: upgrade() threw java.lang.AssertionError: line one, "
                        + "so none of its operations ran; fix the migration and run again.");

        Script recursive = script("aaaaaaaaaaa3", "deep(0);", "static int deep(int n) { return deep(n + 1) + 1; }");
        assertThatThrownBy(() -> loader.operations(recursive, true)).isInstanceOf(ScriptException.class)
                .hasMessageContaining("aaaaaaaaaaa3_hostile.java:12: upgrade() threw java.lang.StackOverflowError");

        Script initialiser = script("aaaaaaaaaaa4", "", "static { if (Boolean.parseBoolean(\"true\")) { throw new "
                + "AssertionError(\"static\"); } }");
        assertThatThrownBy(() -> loader.operations(initialiser, true)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa4_hostile.java:12: creating Hostile_aaaaaaaaaaa4 failed: "
                        + "java.lang.AssertionError: static; fix the migration and run again.");
    }

    @Test
    void aDowngradeThatFailsOtherwiseIsReportedAsAFailureNotAsIrreversible() throws Exception {
        Path versions = Files.createDirectories(project.resolve("versions"));
        Files.writeString(versions.resolve("aaaaaaaaaaa7_hostile.java"), migration("aaaaaaaaaaa7", "hostile", "", "")
                .replace("public void downgrade(Operations op) {", "public void downgrade(Operations op) {\n"
                        + "        if (op != null) { throw new AssertionError(\"not yet\"); }"));
        Script script = ScriptDirectory.load(versions).script("aaaaaaaaaaa7");
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThat(loader.canRevert(script)).isTrue();
        assertThatThrownBy(() -> loader.operations(script, false)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa7_hostile.java:11: downgrade() threw java.lang.AssertionError: not yet, "
                        + "so none of its operations ran; fix the migration and run again.");
    }

    @Test
    void optionsThatContradictEachOtherNameTheFile() throws Exception {
        // Options are checked when the operation is built, after upgrade() has returned.
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        Script nothing = script("aaaaaaaaaaa5", "op.alterColumn(\"users\", \"email\");", "");
        assertThatThrownBy(() -> loader.operations(nothing, true)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("aaaaaaaaaaa5_hostile.java: Altering column email of table users changes "
                        + "nothing");
        Script shortRow = script("aaaaaaaaaaa6", "op.bulkInsert(\"users\", \"id\", \"email\").row(1);", "");
        assertThatThrownBy(() -> loader.operations(shortRow, true)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("aaaaaaaaaaa6_hostile.java: Row 1 of the bulk insert into users has 1 "
                        + "value(s)");
    }

    @Test
    void operationsRecordedFromOtherThreadsAreRefusedNamingTheFile() throws Exception {
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        Script parallel = script("aaaaaaaaaab1", "java.util.stream.IntStream.range(0, 20000).parallel()"
                + ".forEach(i -> op.execute(\"INSERT INTO par VALUES (\" + i + \")\"));", "");
        assertThatThrownBy(() -> loader.operations(parallel, true)).isInstanceOf(ScriptException.class)
                .hasMessageMatching("aaaaaaaaaab1_hostile\\.java:8: an operation was recorded from thread "
                        + "'ForkJoinPool\\.commonPool-worker-\\d+', not from the one that runs the migration; .*");
        // A thread whose failure the migration does not see is refused all the same.
        Script thread = script("aaaaaaaaaab2", "Thread t = new Thread(() -> op.execute(\"SELECT 1\"), \"mine\"); "
                + "t.setUncaughtExceptionHandler((x, e) -> { }); t.start(); "
                + "try { t.join(); } catch (InterruptedException e) { throw new IllegalStateException(e); }", "");
        assertThatThrownBy(() -> loader.operations(thread, true)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("aaaaaaaaaab2_hostile.java:8: an operation was recorded from thread 'mine'");
    }

    @Test
    void anUnsupportedOperationThrownBelowTheDowngradeIsAFailureNotAnIrreversibleRevision() throws Exception {
        Path versions = Files.createDirectories(project.resolve("versions"));
        Files.writeString(versions.resolve("aaaaaaaaaab3_hostile.java"), migration("aaaaaaaaaab3", "hostile", "", "")
                .replace("public void downgrade(Operations op) {", "public void downgrade(Operations op) {\n"
                        + "        java.util.List.of(\"uoe\").add(\"x\");"));
        Script script = ScriptDirectory.load(versions).script("aaaaaaaaaab3");
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThat(loader.canRevert(script)).isTrue();
        assertThatThrownBy(() -> loader.operations(script, false)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaab3_hostile.java:11: downgrade() threw java.lang.UnsupportedOperationException, "
                        + "so none of its operations ran; fix the migration and run again.");
    }

    @Test
    void checkedExceptionsAndErrorsBecomeScriptErrorsToo() throws Exception {
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        Script sneaky = script("aaaaaaaaaab4", "sneaky(new java.io.IOException(\"disk\"));",
                "@SuppressWarnings(\"unchecked\") static <T extends Throwable> void sneaky(Throwable t) throws T "
                        + "{ throw (T) t; }");
        assertThatThrownBy(() -> loader.operations(sneaky, true)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaab4_hostile.java:8: upgrade() threw java.io.IOException: disk, so none of its "
                        + "operations ran; fix the migration and run again.");
        Script error = script("aaaaaaaaaab5", "if (op != null) { throw new Error(\"custom error\"); }", "");
        assertThatThrownBy(() -> loader.operations(error, true)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaab5_hostile.java:8: upgrade() threw java.lang.Error: custom error, so none of "
                        + "its operations ran; fix the migration and run again.");
        Script memory = script("aaaaaaaaaab6", "if (op != null) { throw new OutOfMemoryError(\"Java heap space\"); }",
                "");
        assertThatThrownBy(() -> loader.operations(memory, true)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("aaaaaaaaaab6_hostile.java:8: upgrade() threw java.lang.OutOfMemoryError: "
                        + "Java heap space, so none");
    }
}
