package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Migration;
import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.runtime.RunListener;
import dev.retort.script.ScriptException;
import dev.retort.testkit.TestPostgres;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that upgrades its database at start from the migrations packed into its jar, as class path
 * resources, with its Java migrations compiled by its build: no migrations directory beside it, nothing compiled,
 * nothing written to its working directory.
 */
class ClasspathMigrationsTest {
    @TempDir
    Path dir;

    private static final String JAVA_MIGRATION = """
            import dev.retort.Migration;
            import dev.retort.Revision;
            import dev.retort.operation.Operations;

            @Revision(id = "b00000000002", down = "b00000000001", message = "add email")
            class AddEmail_b00000000002 implements Migration {
                public void upgrade(Operations op) {
                    op.execute("ALTER TABLE app_users ADD COLUMN email text");
                }

                public void downgrade(Operations op) {
                    op.execute("ALTER TABLE app_users DROP COLUMN email");
                }
            }
            """;

    private static final String SQL_MIGRATION = "-- revision: b00000000001\n-- down_revision: none\n"
            + "-- message: create users\n-- +upgrade\nCREATE TABLE app_users (id int);\n-- +downgrade\n"
            + "DROP TABLE app_users;\n";

    @Test
    void anApplicationRunsTheMigrationsInItsJar() throws Exception {
        String database = TestPostgres.freshDatabase();
        Path jar = applicationJar(SQL_MIGRATION, "CREATE TABLE app_orders (id int);");
        Path work = Files.createDirectories(dir.resolve("work"));
        List<String> notices = new ArrayList<>();

        withContextClassLoader(jar, () -> {
            Retort retort = new Retort(config(work, database).withClasspathScriptLocation("classpath:db/retort/"),
                    RunListener.NONE, notices::add);
            assertThat(retort.upgrade("head").steps()).hasSize(3);
            assertThat(retort.upgrade("head").steps()).isEmpty();
        });
        Cli db = new Cli(dir.resolve("check"), database);
        assertThat(db.versions()).containsExactly("b00000000003");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'app_users' "
                + "ORDER BY ordinal_position")).containsExactly("id", "email");
        assertThat(db.tableExists("app_orders")).isTrue();
        assertThat(notices).isEmpty();
        // The Java migration came from the jar's class, and nothing was cached or compiled in the working directory.
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFailureNamesTheResourceAndAnEditedMigrationIsReported() throws Exception {
        String database = TestPostgres.freshDatabase();
        Path work = Files.createDirectories(dir.resolve("work"));
        withContextClassLoader(applicationJar(SQL_MIGRATION, "SELECT 1;"), () -> new Retort(
                config(work, database).withClasspathScriptLocation("db/retort"), RunListener.NONE, n -> { })
                .upgrade("head"));

        // The next build edited the applied first migration and broke the new one.
        Path next = applicationJar(SQL_MIGRATION.replace("(id int)", "(id bigint)"), "SELECT 1;",
                "b00000000004", "CREATE TABLE app_orders (id int REFERENCES nowhere);");
        List<String> notices = new ArrayList<>();
        withContextClassLoader(next, () -> assertThatThrownBy(() -> new Retort(
                config(work, database).withClasspathScriptLocation("db/retort"), RunListener.NONE, notices::add)
                .upgrade("head"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("b00000000004")
                .hasMessageContaining("db/retort/versions/b00000000004_step.sql")
                .hasMessageContaining("nowhere"));
        assertThat(notices).singleElement().asString().startsWith("warning: revision b00000000001 "
                + "(db/retort/versions/b00000000001_create_users.sql) changed after it was applied");
        assertThat(new Cli(dir.resolve("check"), database).versions()).containsExactly("b00000000003");
    }

    /** A Java migration whose upgrade() throws is named by its resource, and nothing of the run is applied. */
    @Test
    void aJavaMigrationThatThrowsIsNamedByItsResource() throws Exception {
        String database = TestPostgres.freshDatabase();
        Path work = Files.createDirectories(dir.resolve("work"));
        Path jar = applicationJarWith(JAVA_MIGRATION.replace(
                "op.execute(\"ALTER TABLE app_users ADD COLUMN email text\");",
                "throw new IllegalStateException(\"no email yet\");"), SQL_MIGRATION, "SELECT 1;");
        withContextClassLoader(jar, () -> assertThatThrownBy(() -> new Retort(
                config(work, database).withClasspathScriptLocation("db/retort"), RunListener.NONE, n -> { })
                .upgrade("head"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("db/retort/versions/b00000000002_add_email.java:")
                .hasMessageContaining(": upgrade() threw java.lang.IllegalStateException: no email yet, so none of its "
                        + "operations ran; fix the migration and run again."));
        Cli db = new Cli(dir.resolve("check"), database);
        assertThat(db.versions()).isEmpty();
        assertThat(db.tableExists("app_users")).isFalse();
    }

    @Test
    void aClassCompiledFromAnEarlierTextOfAJavaMigrationIsRefusedBeforeAnythingRuns() throws Exception {
        String database = TestPostgres.freshDatabase();
        Path work = Files.createDirectories(dir.resolve("work"));
        // The file in the jar adds a column "mail"; the class beside it, left by an earlier build, adds "email".
        Path jar = staleApplicationJar(JAVA_MIGRATION, JAVA_MIGRATION.replace("email", "mail"), SQL_MIGRATION,
                "SELECT 1;");

        withContextClassLoader(jar, () -> assertThatThrownBy(() -> new Retort(
                config(work, database).withClasspathScriptLocation("db/retort"), RunListener.NONE, n -> { })
                .upgrade("head"))
                .isInstanceOf(RetortException.class)
                .hasMessage("db/retort/versions/b00000000002_add_email.java: class AddEmail_b00000000002 on the "
                        + "application's class path was compiled from another version of this file (the checksum "
                        + "its build recorded differs from the file's); rebuild the application, so that its "
                        + "classes are compiled from the files it holds."));
        assertThat(new Cli(dir.resolve("check"), database).tableExists("app_users")).isFalse();
    }

    @Test
    void aLocationThatIsNotOnTheClassPathIsNamed() throws Exception {
        String database = TestPostgres.freshDatabase();
        Path work = Files.createDirectories(dir.resolve("work"));
        withContextClassLoader(applicationJar(SQL_MIGRATION, "SELECT 1;"), () -> assertThatThrownBy(() -> new Retort(
                config(work, database).withClasspathScriptLocation("db/migration"), RunListener.NONE, n -> { })
                .upgrade("head"))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("No migrations on the class path under db/migration/versions"));
    }

    private static RetortConfig config(Path work, String database) {
        return ConfigLoader.load(Optional.empty(), work, Map.of(), Map.of(), Optional.of(database + "?user=postgres"));
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void withContextClassLoader(Path jar, Work work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClasspathMigrationsTest.class.getClassLoader())) {
            thread.setContextClassLoader(application);
            work.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * The jar an application's build makes: the versions directory copied in as resources (a SQL migration, a Java
     * one, a third SQL one running {@code third}, and more as id and SQL pairs), and the Java migration compiled.
     */
    private Path applicationJar(String first, String third, String... more) throws Exception {
        return applicationJarWith(JAVA_MIGRATION, first, third, more);
    }

    /** Like {@link #applicationJar(String, String, String...)}, with {@code javaMigration} as the Java one. */
    private Path applicationJarWith(String javaMigration, String first, String third, String... more) throws Exception {
        return staleApplicationJar(javaMigration, javaMigration, first, third, more);
    }

    /**
     * The jar of {@link #applicationJar(String, String, String...)}, its Java migration compiled from
     * {@code compiled} while the jar holds {@code shipped} as the file: a class a build left from an earlier text.
     */
    private Path staleApplicationJar(String compiled, String shipped, String first, String third, String... more)
            throws Exception {
        Path build = Files.createTempDirectory(dir, "build");
        Path sources = Files.createDirectories(build.resolve("src"));
        Path java = Files.writeString(sources.resolve("b00000000002_add_email.java"), compiled);
        Path classes = Files.createDirectories(build.resolve("classes"));
        String api = Path.of(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-classpath", api, "-d",
                classes.toString(), java.toString())).isZero();
        Path jar = build.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String directory : List.of("db/", "db/retort/", "db/retort/versions/")) {
                out.putNextEntry(new JarEntry(directory));
            }
            put(out, "db/retort/versions/b00000000001_create_users.sql", first.getBytes(StandardCharsets.UTF_8));
            put(out, "db/retort/versions/b00000000002_add_email.java", shipped.getBytes(StandardCharsets.UTF_8));
            put(out, "db/retort/versions/b00000000003_step.sql", sql("b00000000003", "b00000000002", third));
            String down = "b00000000003";
            for (int i = 0; i < more.length; i += 2) {
                put(out, "db/retort/versions/" + more[i] + "_step.sql", sql(more[i], down, more[i + 1]));
                down = more[i];
            }
            for (String built : List.of("AddEmail_b00000000002.class", "AddEmail_b00000000002.retort-checksum")) {
                put(out, built, Files.readAllBytes(classes.resolve(built)));
            }
            put(out, "db/retort/versions/nested/ignored.sql", new byte[] {'x'});
        }
        return jar;
    }

    private static byte[] sql(String id, String down, String upgrade) {
        return ("-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: step\n-- +upgrade\n" + upgrade
                + "\n-- +downgrade\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void put(OutputStream stream, String name, byte[] bytes) throws Exception {
        JarOutputStream out = (JarOutputStream) stream;
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
