package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Migration;
import dev.retort.dialect.postgres.PostgresDialect;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java migrations compiled into the application that runs Retort load from its class path, as they are, instead of
 * being compiled from their files.
 */
class ApplicationMigrationsTest {
    @TempDir
    Path project;

    private final PostgresDialect dialect = new PostgresDialect();

    private static Path write(Path versions, String id, List<String> down, String upgrade) {
        return ScriptWriter.write(versions, new NewRevision(id, "step " + id.charAt(0), down, List.of(), List.of(),
                LocalDateTime.of(2026, 12, 4, 10, 0), ScriptKind.JAVA, upgrade, "op.execute(\"SELECT 'down'\");"));
    }

    /**
     * Compiles sources the way an application's build would, into {@code classes}: javac finds Retort's annotation
     * processor on the class path, as it does by default up to JDK 22 (and later with -proc:full).
     */
    private static void build(Path classes, Path... sources) throws Exception {
        build(classes, Runtime.version().feature() >= 21 ? List.of("-proc:full") : List.of(), sources);
    }

    private static void build(Path classes, List<String> options, Path... sources) throws Exception {
        Files.createDirectories(classes);
        String api = Path.of(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> arguments = new ArrayList<>(List.of("-classpath", api, "-d", classes.toString()));
        arguments.addAll(options);
        for (Path source : sources) {
            arguments.add(source.toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)))
                .isZero();
    }

    /** Runs {@code work} with the classes in {@code classes} as the application's (the context class loader). */
    private static <T> T inApplication(Path classes, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ApplicationMigrationsTest.class.getClassLoader())) {
            thread.setContextClassLoader(application);
            return work.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static boolean compiledAny(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return false;
        }
        try (var entries = Files.list(cache)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().startsWith("compiling-"));
        }
    }

    @Test
    void aClassOfTheApplicationIsUsedAndOnlyTheFilesItLacksAreCompiled() throws Exception {
        Path versions = project.resolve("versions");
        Path built = write(versions, "aaaaaaaaaaaa", List.of(), "op.execute(\"SELECT 'from the application'\");");
        write(versions, "bbbbbbbbbbbb", List.of("aaaaaaaaaaaa"), "op.execute(\"SELECT 2\");");
        // The application was built with the first file only.
        build(project.resolve("app"), built);
        ScriptDirectory dir = ScriptDirectory.load(versions);
        Path cache = project.resolve("cache");

        List<String> rendered = inApplication(project.resolve("app"), () -> {
            MigrationLoader loader = new MigrationLoader(dialect, cache);
            loader.prepare(List.of(dir.script("aaaaaaaaaaaa"), dir.script("bbbbbbbbbbbb")));
            return List.of(dialect.render(loader.operations(dir.script("aaaaaaaaaaaa"), true).get(0)).get(0),
                    dialect.render(loader.operations(dir.script("bbbbbbbbbbbb"), true).get(0)).get(0));
        });

        assertThat(rendered).containsExactly("SELECT 'from the application'", "SELECT 2");
        try (var entries = Files.list(cache)) {
            assertThat(entries.filter(e -> !e.getFileName().toString().startsWith("compiling-"))).hasSize(1);
        }
    }

    @Test
    void withEveryClassInTheApplicationNothingIsCompiled() throws Exception {
        Path versions = project.resolve("versions");
        Path first = write(versions, "aaaaaaaaaaaa", List.of(), "op.execute(\"SELECT 1\");");
        Path second = write(versions, "bbbbbbbbbbbb", List.of("aaaaaaaaaaaa"), "op.execute(\"SELECT 2\");");
        build(project.resolve("app"), first, second);
        ScriptDirectory dir = ScriptDirectory.load(versions);
        Path cache = project.resolve("cache");

        String rendered = inApplication(project.resolve("app"), () -> {
            MigrationLoader loader = new MigrationLoader(dialect, cache);
            loader.prepare(List.of(dir.script("aaaaaaaaaaaa"), dir.script("bbbbbbbbbbbb")));
            return dialect.render(loader.operations(dir.script("bbbbbbbbbbbb"), false).get(0)).get(0);
        });

        assertThat(rendered).isEqualTo("SELECT 'down'");
        assertThat(compiledAny(cache)).isFalse();
    }

    @Test
    void aClassBuiltFromAnotherVersionOfTheFileIsRefused() throws Exception {
        Path versions = project.resolve("versions");
        write(versions, "aaaaaaaaaaaa", List.of(), "op.execute(\"SELECT 1\");");
        write(versions, "bbbbbbbbbbbb", List.of("aaaaaaaaaaaa"), "op.execute(\"SELECT 2\");");
        // Built before the second revision was moved after the first (it was a second root then).
        Path stale = write(project.resolve("app-src"), "bbbbbbbbbbbb", List.of(), "op.execute(\"SELECT 2\");");
        build(project.resolve("app"), stale);
        ScriptDirectory dir = ScriptDirectory.load(versions);

        assertThatThrownBy(() -> inApplication(project.resolve("app"), () -> {
            new MigrationLoader(dialect, project.resolve("cache")).prepare(List.of(dir.script("bbbbbbbbbbbb")));
            return null;
        })).isInstanceOf(ScriptException.class)
                .hasMessageContaining("bbbbbbbbbbbb_step_b.java declares revision bbbbbbbbbbbb after aaaaaaaaaaaa, "
                        + "but class StepB_bbbbbbbbbbbb on the application's class path declares revision "
                        + "bbbbbbbbbbbb after none; rebuild the application");
    }

    @Test
    void aClassBuiltFromAnEarlierTextOfTheFileIsRefused() throws Exception {
        Path versions = project.resolve("versions");
        // The application was built when the seed inserted 'root'; the file now inserts 'admin', and the build that
        // copied it into the jar did not compile it again. Same revision, same parents: only the text differs.
        Path old = write(project.resolve("app-src"), "aaaaaaaaaaaa", List.of(),
                "op.execute(\"INSERT INTO users VALUES ('root')\");");
        build(project.resolve("app"), old);
        write(versions, "aaaaaaaaaaaa", List.of(), "op.execute(\"INSERT INTO users VALUES ('admin')\");");
        ScriptDirectory dir = ScriptDirectory.load(versions);

        assertThatThrownBy(() -> inApplication(project.resolve("app"), () -> {
            new MigrationLoader(dialect, project.resolve("cache")).prepare(List.of(dir.script("aaaaaaaaaaaa")));
            return null;
        })).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaaa_step_a.java: class StepA_aaaaaaaaaaaa on the application's class path was "
                        + "compiled from another version of this file (the checksum its build recorded differs from "
                        + "the file's); rebuild the application, so that its classes are compiled from the files it "
                        + "holds.");
    }

    @Test
    void aClassCompiledWithoutRetortsAnnotationProcessorIsRefused() throws Exception {
        Path versions = project.resolve("versions");
        Path file = write(versions, "aaaaaaaaaaaa", List.of(), "op.execute(\"SELECT 1\");");
        build(project.resolve("app"), List.of("-proc:none"), file);
        ScriptDirectory dir = ScriptDirectory.load(versions);

        assertThatThrownBy(() -> inApplication(project.resolve("app"), () -> {
            new MigrationLoader(dialect, project.resolve("cache")).prepare(List.of(dir.script("aaaaaaaaaaaa")));
            return null;
        })).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("aaaaaaaaaaaa_step_a.java: class StepA_aaaaaaaaaaaa on the application's "
                        + "class path has no StepA_aaaaaaaaaaaa.retort-checksum beside it, so Retort cannot tell which "
                        + "version of the file it was compiled from; rebuild the application with javac running "
                        + "Retort's annotation processor");
    }

    @Test
    void theChecksumTheBuildRecordsIsTheOneTheHistoryRecords() throws Exception {
        // A file with CRLF line ends and trailing spaces, as a Windows checkout may hold it.
        Path versions = project.resolve("versions");
        Path file = write(versions, "aaaaaaaaaaaa", List.of(), "op.execute(\"SELECT 1\");   ");
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));
        build(project.resolve("app"), file);
        Script script = ScriptDirectory.load(versions).script("aaaaaaaaaaaa");

        assertThat(Files.readString(project.resolve("app/StepA_aaaaaaaaaaaa.retort-checksum")).strip())
                .isEqualTo(script.checksum());
    }

    @Test
    void aClassOfTheApplicationThatEndsTheJvmIsRefusedBeforeItLoads() throws Exception {
        Path versions = project.resolve("versions");
        Path exits = write(versions, "aaaaaaaaaaaa", List.of(), "System.exit(3);");
        build(project.resolve("app"), exits);
        ScriptDirectory dir = ScriptDirectory.load(versions);

        assertThatThrownBy(() -> inApplication(project.resolve("app"), () -> {
            new MigrationLoader(dialect, project.resolve("cache")).prepare(List.of(dir.script("aaaaaaaaaaaa")));
            return null;
        })).isInstanceOf(ScriptException.class).hasMessageContaining("calls System.exit");
    }
}
