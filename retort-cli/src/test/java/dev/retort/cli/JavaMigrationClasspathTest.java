package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migration_classpath}: Java migrations that use the application's own code or a library, which Retort
 * compiles against the jars and class directories listed there, as Alembic's {@code prepend_sys_path} lets
 * migrations import the application's modules.
 */
class JavaMigrationClasspathTest {
    @TempDir
    Path dir;

    private static final String MIGRATION = """
            import com.example.db.Tables;
            import dev.retort.Migration;
            import dev.retort.Revision;
            import dev.retort.operation.Operations;

            @Revision(id = "a00000000001", message = "audit log")
            class AuditLog_a00000000001 implements Migration {
                public void upgrade(Operations op) {
                    op.createTable(Tables.AUDIT, Operations.column("id", "bigint"));
                }
                public void downgrade(Operations op) {
                    op.dropTable(Tables.AUDIT);
                }
            }
            """;

    /** Builds the application's jar: a class holding the table's name as a constant, which javac inlines. */
    private Path applicationJar(String jarName, String table) throws IOException {
        Path src = Files.createDirectories(dir.resolve("app/src/com/example/db")).resolve("Tables.java");
        Files.writeString(src, "package com.example.db;\npublic final class Tables {\n"
                + "    public static final String AUDIT = \"" + table + "\";\n}\n");
        Path classes = dir.resolve("app/classes");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.toString());
        assertThat(status).isZero();
        Path jar = Files.createDirectories(dir.resolve("app/lib")).resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aMigrationUsesTheApplicationsJarListedInMigrationClasspath() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_audit_log.java", MIGRATION);
        applicationJar("app.jar", "audit_log");

        Cli.Result unseen = cli.run("upgrade", "head");
        assertThat(unseen.exitCode()).as(unseen.toString()).isEqualTo(1);
        assertThat(unseen.err()).contains("a00000000001_audit_log.java:1: package com.example.db does not exist")
                .contains("only from the jars or class directories listed in migration_classpath in retort.toml")
                .doesNotContain("\tat ");

        cli.write("retort.toml", "migration_classpath = [\"app/lib/app.jar\"]\n");
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_log (");
        cli.ok("upgrade", "head");
        assertThat(cli.tableExists("audit_log")).isTrue();
        cli.ok("downgrade", "base");
        assertThat(cli.tableExists("audit_log")).isFalse();
    }

    @Test
    void aRebuiltJarCompilesTheMigrationAgain() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_audit_log.java", MIGRATION);
        cli.write("retort.toml", "migration_classpath = [\"app/lib/*\"]\n");
        applicationJar("app.jar", "audit_log");
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_log (");

        // The constant was inlined into the migration's class: a class compiled against the old jar would keep it.
        Path jar = applicationJar("app.jar", "audit_entries");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_entries (")
                .doesNotContain("audit_log");
    }

    /**
     * A class rebuilt to the same size and given back its time (a copy that keeps times, a reproducible build) is
     * still seen to have changed: a file's change time is not set by those who set its modification time.
     */
    @Test
    void aClassRebuiltWithItsSizeAndTimeCompilesTheMigrationAgain() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_audit_log.java", MIGRATION);
        cli.write("retort.toml", "migration_classpath = [\"app/classes\"]\n");
        applicationJar("app.jar", "audit_b");
        Path compiled = dir.resolve("app/classes/com/example/db/Tables.class");
        FileTime built = Files.getLastModifiedTime(compiled);
        long size = Files.size(compiled);
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_b (");

        applicationJar("app.jar", "audit_c");
        Files.setLastModifiedTime(compiled, built);
        assertThat(Files.size(compiled)).isEqualTo(size);
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_c (")
                .doesNotContain("audit_b");
    }

    /** A class directory named through a link (build/current to the last build's output) is looked into. */
    @Test
    void aClassDirectoryReachedThroughALinkCompilesTheMigrationAgain() throws IOException {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_audit_log.java", MIGRATION);
        cli.write("retort.toml", "migration_classpath = [\"app/current\"]\n");
        applicationJar("app.jar", "audit_b");
        Files.createSymbolicLink(dir.resolve("app/current"), Path.of("classes"));
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_b (");

        applicationJar("app.jar", "audit_long_name");
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_long_name (")
                .doesNotContain("audit_b");

        // A link back up (a loop) is passed over, as the class loader passes over it.
        Files.createSymbolicLink(dir.resolve("app/classes/com/up"), Path.of(".."));
        assertThat(cli.ok("upgrade", "--sql", "base:head").out()).contains("CREATE TABLE audit_long_name (");
    }

    @Test
    void anEntryThatIsNotThereIsNamedInOneLine() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_audit_log.java", MIGRATION);
        cli.write("retort.toml", "migration_classpath = [\"build/libs/app.jar\"]\n");

        Cli.Result missing = cli.run("upgrade", "head");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines().filter(line -> line.startsWith("retort:")).toList()).isEqualTo(List.of(
                "retort: migration_classpath in retort.toml names " + dir.resolve("build/libs/app.jar")
                        + ", which does not exist; build it first (Java migrations are compiled against it), or "
                        + "remove it from migration_classpath in retort.toml."));
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aSharedClassInTheVersionsDirectoryIsPointedToMigrationClasspath() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/a00000000001_audit_log.java", MIGRATION);
        cli.write("migrations/versions/Tables.java", "final class Tables { static final String AUDIT = \"a\"; }\n");

        Cli.Result shared = cli.run("upgrade", "head");

        assertThat(shared.exitCode()).isEqualTo(1);
        assertThat(shared.err()).contains("retort: Tables.java: no @Revision(...) annotation")
                .contains("code that migrations share goes on migration_classpath in retort.toml");
    }
}
