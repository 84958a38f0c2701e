package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Migration;
import dev.retort.testkit.TestPostgres;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that runs Retort in its own process, with the Java migrations compiled into it by its build:
 * Retort runs the application's classes and compiles nothing.
 */
class ApplicationClassesTest {
    @TempDir
    Path dir;

    private static String migration(String id, String down, String table) {
        String parents = down == null ? "" : "\"" + down + "\"";
        return "import dev.retort.Migration;\nimport dev.retort.Revision;\nimport dev.retort.operation.Operations;\n\n"
                + "@Revision(id = \"" + id + "\", down = {" + parents + "}, message = \"" + table + "\")\n"
                + "class Create_" + id + " implements Migration {\n"
                + "    public void upgrade(Operations op) {\n"
                + "        op.execute(\"CREATE TABLE " + table + " (id int)\");\n"
                + "    }\n\n    public void downgrade(Operations op) {\n"
                + "        op.execute(\"DROP TABLE " + table + "\");\n    }\n}\n";
    }

    @Test
    void theApplicationsOwnClassesRunAndNothingIsCompiled() throws Exception {
        Cli cli = new Cli(dir.resolve("project"), TestPostgres.freshDatabase());
        Path one = cli.write("migrations/versions/a00000000001_one.java", migration("a00000000001", null, "one"));
        Path two = cli.write("migrations/versions/a00000000002_two.java", migration("a00000000002", "a00000000001",
                "two"));
        // The application's build compiled the same files with its own sources (Retort's annotation processor,
        // found on the class path, recording the checksum of each file beside its class).
        Path classes = dir.resolve("app-classes");
        String api = Path.of(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-classpath", api, "-d",
                classes.toString(), one.toString(), two.toString())).isZero();

        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ApplicationClassesTest.class.getClassLoader())) {
            thread.setContextClassLoader(application);

            assertThat(cli.ok("upgrade", "head").err()).contains("Applied 2 revisions");
            assertThat(cli.tableExists("two")).isTrue();
            assertThat(cli.ok("downgrade", "base").err()).contains("Reverted 2 revisions");
            assertThat(cli.tableExists("one")).isFalse();
        } finally {
            thread.setContextClassLoader(before);
        }
        assertThat(cli.project.resolve(".retort/cache/java")).doesNotExist();

        // Without the application's classes, the files are compiled.
        assertThat(cli.ok("upgrade", "head").err()).contains("Applied 2 revisions");
        assertThat(cli.tableExists("two")).isTrue();
        assertThat(cli.project.resolve(".retort/cache/java")).isNotEmptyDirectory();
    }
}
