package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line where a deploy runs it: a container or a CI job, in the C locale, from an installation
 * of the jar and its libraries without the sources. Runs in {@code mvn verify}, after the jar is built.
 */
class ContainerIT {
    private static final Path TARGET = Path.of("target");

    private static final String JAVA_MIGRATION = """
            import dev.retort.Migration;
            import dev.retort.Revision;
            import dev.retort.operation.Operations;

            @Revision(id = "a00000000001", down = {}, message = "first", created = "2026-11-25T09:30:00")
            class First_a00000000001 implements Migration {
                @Override
                public void upgrade(Operations op) {
                    op.execute("CREATE TABLE first (id int)");
                }

                @Override
                public void downgrade(Operations op) {
                    op.execute("DROP TABLE first");
                }
            }
            """;

    @TempDir
    Path project;
    /** The launcher homes the test made, whose archive dumps must end before their directories are deleted. */
    private final List<Path> homes = new ArrayList<>();

    @BeforeEach
    void aProject() throws IOException {
        Files.writeString(project.resolve("retort.toml"), "script_location = \"migrations\"\n");
        Files.createDirectories(project.resolve("migrations/versions"));
    }

    /**
     * Waits for the archive dumps a first run left in the background in each launcher home: they write into the
     * home after the command ended, and its temporary directory could not be deleted under them.
     */
    @AfterEach
    void archiveDumpsEnded() throws Exception {
        for (Path home : homes) {
            Path cds = home.resolve("retort-cli/target/cds");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.isDirectory(cds) && System.nanoTime() < deadline) {
                try (var files = Files.list(cds)) {
                    if (files.map(f -> f.getFileName().toString()).noneMatch(name -> name.endsWith(".dumping")
                            || name.contains(".jsa.") || name.endsWith(".all"))) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    /** Writes {@code a00000000001_café.sql} with the shell: this JVM's own locale may not name it. */
    private void aMigrationNamedInUtf8() throws IOException, InterruptedException {
        Process write = new ProcessBuilder("sh", "-c", "printf '%s\\n' '-- revision: a00000000001' "
                + "'-- down_revision: none' '-- message: first' '-- +upgrade' '-- +downgrade' > \"$(printf '"
                + "a00000000001_caf\\303\\251.sql')\"").directory(project.resolve("migrations/versions").toFile())
                .start();
        assertThat(write.waitFor()).isZero();
    }

    @Test
    void theLauncherReadsAFileNamedInUtf8InTheCLocale(@TempDir Path home) throws Exception {
        aMigrationNamedInUtf8();
        launcherHome(home);
        ProcessBuilder heads = new ProcessBuilder("sh", home.resolve("retort").toString(), "heads");
        inTheCLocale(heads.environment());

        Run run = run(heads);

        assertThat(run.output()).isEqualTo("a00000000001 (head)\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void theJarSaysWhatToDoWithAFileNameTheLocaleCannotName() throws Exception {
        aMigrationNamedInUtf8();
        ProcessBuilder heads = jar("-Xshare:auto", "heads");
        inTheCLocale(heads.environment());

        Run run = run(heads);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).startsWith("retort: ").contains("a00000000001_caf??.sql: the file's name has "
                        + "characters that the locale LANG=C cannot name")
                .contains("LC_ALL=C.UTF-8").doesNotContain("unexpected error").doesNotContain("\tat ");
    }

    @Test
    void anInstallationWithoutSourcesRunsItsJarWhateverTheTimesItWasCopiedWith(@TempDir Path home) throws Exception {
        aMigrationNamedInUtf8();
        // The jar and its libraries copied into an image by a copy that does not keep times: a file of the sources'
        // directory, the class list kept for the build's archive, came out newer than the jar. With no pom.xml there
        // is nothing to build from, and an mvn that fails stands in for an image without Maven.
        homes.add(home);
        Path target = Files.createDirectories(home.resolve("retort-cli/target"));
        Files.copy(Path.of("..", "retort"), home.resolve("retort"));
        Files.copy(TARGET.resolve("retort-cli.jar"), target.resolve("retort-cli.jar"));
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib").toAbsolutePath());
        Path classes = Files.createDirectories(home.resolve("retort-cli/src/main/cds")).resolve("classes.lst");
        Files.copy(Path.of("src/main/cds/classes.lst"), classes);
        Files.setLastModifiedTime(target.resolve("retort-cli.jar"), FileTime.fromMillis(0));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho 'mvn ran' >&2\nexit 1\n");
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder heads = new ProcessBuilder("sh", home.resolve("retort").toString(), "heads");
        heads.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));

        Run run = run(heads);

        assertThat(run.output()).isEqualTo("a00000000001 (head)\n");
    }

    @Test
    void aSourceTreeWithoutMavenSaysSo(@TempDir Path home) throws Exception {
        aMigrationNamedInUtf8();
        Path target = Files.createDirectories(home.resolve("retort-cli/target"));
        Files.copy(Path.of("..", "retort"), home.resolve("retort"));
        Files.copy(TARGET.resolve("retort-cli.jar"), target.resolve("retort-cli.jar"));
        Files.writeString(home.resolve("pom.xml"), "");
        Files.setLastModifiedTime(target.resolve("retort-cli.jar"), FileTime.fromMillis(0));
        // A PATH with a shell and the tools the launcher uses, but no mvn.
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("sh", "find")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
        }
        ProcessBuilder heads = new ProcessBuilder(bin.resolve("sh").toString(), home.resolve("retort").toString(),
                "heads");
        heads.environment().put("PATH", bin.toString());

        Run run = run(heads);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).isEqualTo("retort: the sources in " + home + " are newer than its "
                + "retort-cli/target/retort-cli.jar, and building needs Maven (mvn), which is not on the PATH: run "
                + "mvn -DskipTests package in " + home + ", or put mvn on the PATH.\n");
    }

    @Test
    void javaMigrationsCompileInTmpdirWhereNeitherTheProjectNorJavasTemporaryDirectoryMayBeWritten(
            @TempDir Path tmpdir) throws Exception {
        // A container whose root file system is read-only, /tmp among it, and a volume it may write to named by
        // TMPDIR. Files stand where .retort/ and Java's temporary directory would be made, which stops root too.
        Files.writeString(project.resolve(".retort"), "");
        Path notADirectory = Files.writeString(tmpdir.resolve("not-a-directory"), "");
        Path scratch = Files.createDirectories(tmpdir.resolve("scratch"));
        Files.writeString(project.resolve("migrations/versions/a00000000001_first.java"), JAVA_MIGRATION);
        ProcessBuilder sql = jar("-Djava.io.tmpdir=" + notADirectory.resolve("tmp"), "upgrade", "head", "--sql");
        sql.environment().put("TMPDIR", scratch.toString());

        Run run = run(sql);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("CREATE TABLE first (id int);");
        try (var left = Files.list(scratch)) {
            assertThat(left).as("what the run left in TMPDIR").isEmpty();
        }
    }

    @Test
    void aJavaWithoutACompilerSaysHowToRunJavaMigrationsAndRunsThoseCompiledBefore() throws Exception {
        Files.writeString(project.resolve("migrations/versions/a00000000001_first.java"), JAVA_MIGRATION);
        // The modules of a JRE: the platform's, without the compiler's implementation (jdk.compiler).
        String jre = "--limit-modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.localedata";

        Run refused = run(jar(jre, "upgrade", "head", "--sql"));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).isEqualTo("retort: a00000000001_first.java is a Java migration not compiled yet, "
                + "and Retort runs on a Java without a compiler (a JRE, " + System.getProperty("java.home") + "); run "
                + "it with a JDK 17 or later (set JAVA_HOME), or compile them where one is: `retort upgrade head --sql "
                + "> /dev/null` in the project keeps their classes in .retort/cache/java, which a Java "
                + Runtime.version().feature() + " without a compiler runs.\n");

        // What the message says: compiled with a JDK, then run by the JRE.
        assertThat(run(jar("-Xshare:auto", "upgrade", "head", "--sql")).exitCode()).isZero();
        Run compiledBefore = run(jar(jre, "upgrade", "head", "--sql"));
        assertThat(compiledBefore.exitCode()).as(compiledBefore.output()).isZero();
        assertThat(compiledBefore.output()).contains("CREATE TABLE first (id int);");
    }

    @Test
    void sigtermToTheLauncherOfAFirstRunStopsTheCommandWhereItSaysSo(@TempDir Path home) throws Exception {
        // A verb's first run after a build records its classes, so the launcher waits for the command instead of
        // becoming it: a CI job's cancel or `docker stop` signals the launcher, and the command must hear of it.
        // To the launcher's shell alone (Process.destroy would also close the streams the rest is read from).
        String seen = stopAFirstRun(home, List.of(), launcher -> List.of("kill", "-TERM", Long.toString(launcher)));

        assertThat(seen).contains("exit 143");
    }

    @Test
    void ctrlCInTheTerminalOfAFirstRunStopsTheCommandWhereItSaysSo(@TempDir Path home) throws Exception {
        // A terminal's Ctrl-C sends SIGINT to its foreground process group: the launcher and the command it started
        // in the background, where a script's background command starts with SIGINT ignored.
        String seen = stopAFirstRun(home, List.of("setsid"), launcher -> List.of("kill", "-INT", "--",
                "-" + launcher));

        assertThat(seen).contains("exit 130");
    }

    /**
     * Starts {@code upgrade head} through the launcher (after {@code prefix}) on a first run whose migration sleeps,
     * stops it with the command {@code stop} makes of the launcher's pid once the step runs, and returns what it
     * printed, then {@code exit N}.
     */
    private String stopAFirstRun(Path home, List<String> prefix, LongFunction<List<String>> stop)
            throws Exception {
        launcherHome(home);
        Files.writeString(project.resolve("migrations/versions/a00000000001_slow.sql"), "-- revision: a00000000001\n"
                + "-- down_revision: none\n-- message: slow\n-- +upgrade\nCREATE TABLE slow (id int);\n"
                + "SELECT pg_sleep(30);\n-- +downgrade\nDROP TABLE slow;\n");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sh", home.resolve("retort").toString(), "upgrade", "head"));
        ProcessBuilder upgrade = new ProcessBuilder(command);
        upgrade.environment().put("DATABASE_URL", TestPostgres.freshDatabase() + "?user=postgres");
        Process launcher = upgrade.directory(project.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; !seen.toString().contains("Running upgrade") && (line = output.readLine()) != null; ) {
            seen.append(line).append('\n');
        }
        long start = System.nanoTime();

        assertThat(new ProcessBuilder(stop.apply(launcher.pid())).start().waitFor()).isZero();

        for (String line; (line = output.readLine()) != null; ) {
            seen.append(line).append('\n');
        }
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as(seen.toString()).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as(seen.toString()).isLessThan(20);
        assertThat(seen.toString()).contains("retort: stopped during the upgrade of revision a00000000001")
                .doesNotContain("Applied");
        return seen.append("exit ").append(launcher.exitValue()).toString();
    }

    /** {@code java [jvmOption] -jar retort-cli.jar args...}, as a process of its own. */
    private static ProcessBuilder jar(String jvmOption, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), jvmOption, "-jar", TARGET.resolve("retort-cli.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The environment of a container that sets no locale: {@code LANG=C}, and no {@code LC_*} variable. */
    private static void inTheCLocale(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("LC_"));
        environment.put("LANG", "C");
    }

    private static String which(String tool) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return path;
    }

    /** A home like the build's, in {@code home}: the launcher, with the jar and its libraries linked from the build. */
    private void launcherHome(Path home) throws IOException {
        homes.add(home);
        Path target = Files.createDirectories(home.resolve("retort-cli/target"));
        Files.copy(Path.of("..", "retort"), home.resolve("retort"));
        Files.createSymbolicLink(target.resolve("retort-cli.jar"), TARGET.resolve("retort-cli.jar").toAbsolutePath());
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib").toAbsolutePath());
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs {@code process} in the project to its end, with stderr in its output and no input. */
    private Run run(ProcessBuilder process) throws IOException, InterruptedException {
        Process started = process.directory(project.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(started.exitValue(), output);
    }
}
