package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retort.testkit.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line ({@code target/retort-cli.jar}, what {@code ./retort} runs) as a process of its own: its
 * class path leaves Hibernate out, and a command that reads JPA entities finds it in {@code target/lib/jpa/}. Runs in
 * {@code mvn verify}, after the jar is built.
 */
class DistributionIT {
    private static final Path TARGET = Path.of("target");

    @TempDir
    Path project;

    @Test
    void theJarsClassPathLeavesHibernateToTheDirectoryItIsLoadedFrom() throws IOException {
        String classPath;
        try (JarFile jar = new JarFile(TARGET.resolve("retort-cli.jar").toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        List<String> jpa;
        try (Stream<Path> files = Files.list(TARGET.resolve("lib/jpa"))) {
            jpa = files.map(f -> f.getFileName().toString()).toList();
        }
        assertThat(jpa).anyMatch(name -> name.startsWith("hibernate-core-"))
                .anyMatch(name -> name.startsWith("retort-jpa-"));
        for (String name : jpa) {
            assertThat(classPath).as("retort-cli.jar's Class-Path").doesNotContain(name);
        }
        // tomlj's parser runtime is reached first through Hibernate; it must stay on the class path all the same.
        assertThat(classPath).contains("lib/antlr4-runtime-").contains("lib/tomlj-");
    }

    @Test
    void autogenerateReadsEntitiesWithHibernateFromLibJpa() throws Exception {
        String url = TestPostgres.freshDatabase() + "?user=postgres";
        write("retort.toml", "script_location = \"migrations\"\ndatabase_url = \"" + url + "\"\n\n[models]\n"
                + "sources = [\"src\"]\ndev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        Files.createDirectories(project.resolve("migrations/versions"));
        write("src/shop/Item.java", """
                package shop;

                import jakarta.persistence.*;

                @Entity
                public class Item {
                    @Id
                    private Long id;

                    @Column(nullable = false)
                    private String itemName;
                }
                """);
        Run revision = retort("revision", "--autogenerate", "-m", "create items");
        assertThat(revision.exitCode()).as(revision.toString()).isZero();
        assertThat(revision.output()).contains("Detected create table item", "Generating migrations/versions/");
        Run upgrade = retort("upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        Run check = retort("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.output()).contains("No differences");
    }

    @Test
    void resultsAndMessagesKeepTheirOrderInOneStream() throws Exception {
        // A CI log takes stdout and stderr into one pipe: lint's findings (stdout) come before its summary (stderr).
        write("retort.toml", "script_location = \"migrations\"\n");
        write("migrations/versions/aaaaaaaaaaaa_first.sql", "-- revision: aaaaaaaaaaaa\n-- down_revision: none\n"
                + "-- message: first\n-- +upgrade\nDROP TABLE users;\n-- +downgrade\n"
                + "CREATE TABLE users (id int);\n");

        Run lint = retort("lint");

        assertThat(lint.output()).as(lint.toString()).matches("(?s)aaaaaaaaaaaa_first\\.sql:5: warning RT101 .*\n"
                + "0 error\\(s\\), 1 warning\\(s\\)\\.\n");
    }

    @Test
    void theLauncherRunsFromAHomeItMayNotWriteTo(@TempDir Path home) throws Exception {
        // A home like an installation shared by several users: the jar and its libraries, and no way to make the
        // directory of class-data archives (here a file stands where it would go, which stops root too).
        Path target = launcherHome(home);
        Files.writeString(target.resolve("cds"), "");
        Run heads = run(headsThrough(home));
        assertThat(heads.exitCode()).as(heads.output()).isZero();
        assertThat(heads.output()).isEqualTo("aaaaaaaaaaaa (head)\n");
    }

    @Test
    void aFirstRunReturnsWithoutWaitingForItsClassDataArchive(@TempDir Path home) throws Exception {
        Path target = launcherHome(home);
        // A java whose archive dumps take 20 s: a launcher that waited for the dump would hold the run that long.
        javaHome(home, "sleep 20");
        ProcessBuilder heads = headsThrough(home);
        heads.environment().put("JAVA_HOME", home.resolve("jdk").toString());

        long start = System.nanoTime();
        Run run = run(heads);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(run.output()).isEqualTo("aaaaaaaaaaaa (head)\n");
        assertThat(seconds).as("seconds until the output ended").isLessThan(15);
        assertThat(eventually(() -> Files.exists(target.resolve("cds/heads.jsa")))).isTrue();
    }

    @Test
    void anArchiveWhoseDumpWasKilledIsMadeByALaterRun(@TempDir Path home) throws Exception {
        Path target = launcherHome(home);
        // While the flag is there, a dump kills the process that runs it, as a container stopping would.
        Path flag = home.resolve("kill-the-dump");
        Files.writeString(flag, "");
        javaHome(home, "if [ -f '" + flag + "' ]; then rm '" + flag + "'; kill -9 $PPID; exit 1; fi");
        ProcessBuilder heads = headsThrough(home);
        heads.environment().put("JAVA_HOME", home.resolve("jdk").toString());
        Path cds = target.resolve("cds");

        assertThat(run(heads).output()).isEqualTo("aaaaaaaaaaaa (head)\n");
        assertThat(eventually(() -> !Files.exists(flag))).as("the dump was killed").isTrue();
        Thread.sleep(500);
        assertThat(cds.resolve("heads.jsa")).doesNotExist();
        assertThat(cds.resolve("recorded")).doesNotExist();
        // Some minutes later, the marker of the killed dump no longer stops a run from recording.
        Files.setLastModifiedTime(cds.resolve("heads.dumping"),
                FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(3)));
        assertThat(run(heads).output()).isEqualTo("aaaaaaaaaaaa (head)\n");

        assertThat(eventually(() -> Files.exists(cds.resolve("heads.jsa")))).isTrue();
    }

    @Test
    void aUserWhoMayNotWriteToTheHomeKeepsTheArchivesInTheirOwnCache(@TempDir Path base) throws Exception {
        assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0,
                "only root can run the launcher as another user here");
        // A home owned by root, as an installation shared by several users is, run by nobody (uid 65534).
        Set<PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
        Files.setPosixFilePermissions(base, open);
        Path home = base.resolve("home");
        Path target = launcherHome(home);
        Path cache = Files.createDirectories(base.resolve("cache"));
        Files.setOwner(cache, cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path work = Files.createDirectories(base.resolve("project/migrations/versions"));
        Files.writeString(work.resolve("aaaaaaaaaaaa_first.sql"),
                "-- revision: aaaaaaaaaaaa\n-- down_revision: none\n-- message: first\n-- +upgrade\n-- +downgrade\n");
        Files.writeString(base.resolve("project/retort.toml"), "script_location = \"migrations\"\n");
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setPosixFilePermissions(path, Files.isDirectory(path) ? open
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env",
                "XDG_CACHE_HOME=" + cache);
        Process canRead = new ProcessBuilder(concat(asNobody, List.of("test", "-r",
                TARGET.resolve("retort-cli.jar").toAbsolutePath().toString()))).start();
        assumeTrue(canRead.waitFor() == 0, "the build's jar is in a directory nobody may not read");

        for (int run = 0; run < 2; run++) {
            Process process = new ProcessBuilder(concat(asNobody, List.of("sh", home.resolve("retort").toString(),
                    "heads"))).directory(base.resolve("project").toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).isEqualTo("aaaaaaaaaaaa (head)\n");
        }
        // The archive is made in the background, after the first run has returned.
        assertThat(eventually(() -> {
            try (Stream<Path> made = Files.walk(cache)) {
                return made.anyMatch(p -> p.getFileName().toString().equals("heads.jsa"));
            }
        })).as("heads.jsa made in " + cache).isTrue();
        assertThat(target.resolve("cds")).doesNotExist();
    }

    @Test
    void theBuildMakesTheArchiveAVerbsFirstRunStartsFrom(@TempDir Path home) throws Exception {
        // A home whose sources are newer than its jar, and an mvn that builds nothing: the launcher builds, then
        // makes the archive of the class list kept with the sources. The jar is a copy: the build touches it.
        Path target = Files.createDirectories(home.resolve("retort-cli/target"));
        Files.copy(Path.of("..", "retort"), home.resolve("retort"));
        Files.copy(TARGET.resolve("retort-cli.jar"), target.resolve("retort-cli.jar"));
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib").toAbsolutePath());
        Path classes = Files.createDirectories(home.resolve("retort-cli/src/main/cds")).resolve("classes.lst");
        Files.copy(Path.of("src/main/cds/classes.lst"), classes);
        Files.writeString(home.resolve("pom.xml"), "");
        Files.setLastModifiedTime(target.resolve("retort-cli.jar"), FileTime.fromMillis(0));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path loaded = home.resolve("loaded.log");
        ProcessBuilder heads = headsThrough(home);
        heads.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        heads.environment().put("RETORT_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded);

        Run first = run(heads);

        assertThat(first.output()).as(first.toString()).endsWith("aaaaaaaaaaaa (head)\n");
        // Made before the command ran, not after it in the background as a verb's own archive is.
        assertThat(target.resolve("cds/base.jsa")).exists();
        assertThat(Files.readString(loaded)).contains("dev.retort.cli.Main source: shared objects file");
        // The run's own archive is still made after it, in the background (and done before the home is removed).
        assertThat(eventually(() -> Files.exists(target.resolve("cds/heads.jsa")))).isTrue();
    }

    /**
     * Two first runs at once on a fresh checkout build in turn, not together in one tree, and neither removes the
     * archive the other is making: the one that waited finds Retort built. The mvn here takes two seconds, and says
     * so if another is running.
     */
    @Test
    void twoFirstRunsAtOnceBuildOnce(@TempDir Path home) throws Exception {
        Path target = Files.createDirectories(home.resolve("retort-cli/target"));
        Files.copy(Path.of("..", "retort"), home.resolve("retort"));
        Files.copy(TARGET.resolve("retort-cli.jar"), target.resolve("retort-cli.jar"));
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib").toAbsolutePath());
        Path classes = Files.createDirectories(home.resolve("retort-cli/src/main/cds")).resolve("classes.lst");
        Files.copy(Path.of("src/main/cds/classes.lst"), classes);
        Files.writeString(home.resolve("pom.xml"), "");
        Files.setLastModifiedTime(target.resolve("retort-cli.jar"), FileTime.fromMillis(0));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path builds = home.resolve("builds.log");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n"
                + "mkdir '" + home.resolve("building") + "' || echo overlap >> '" + builds + "'\n"
                + "echo build >> '" + builds + "'\nsleep 2\nrmdir '" + home.resolve("building") + "'\n");
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder heads = headsThrough(home);
        heads.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));

        Process first = heads.redirectErrorStream(true).start();
        Process second = heads.redirectErrorStream(true).start();
        String firstOutput = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(first.exitValue()).as(firstOutput).isZero();
        assertThat(second.exitValue()).as(secondOutput).isZero();
        assertThat(firstOutput).endsWith("aaaaaaaaaaaa (head)\n");
        assertThat(secondOutput).endsWith("aaaaaaaaaaaa (head)\n");
        assertThat(Files.readAllLines(builds)).containsExactly("build");
        assertThat(target.resolve("cds/base.jsa")).exists();
        assertThat(target.resolve("build.lock")).doesNotExist();
        // Both runs left their archive's dump running in the background: it must not write into the home as JUnit
        // removes it.
        assertThat(eventually(() -> dumpsEnded(target.resolve("cds")))).isTrue();
    }

    /** Whether no archive is being dumped into {@code cds}: none is marked as dumping or half written. */
    private static boolean dumpsEnded(Path cds) throws IOException {
        try (var files = Files.list(cds)) {
            return files.map(f -> f.getFileName().toString()).noneMatch(name -> name.endsWith(".dumping")
                    || name.contains(".jsa.") || name.endsWith(".all"));
        }
    }

    @Test
    void archivesMadeByAnotherJavaAreMadeAgain(@TempDir Path home) throws Exception {
        Path target = launcherHome(home);
        javaHome(home, ":");
        ProcessBuilder heads = headsThrough(home);
        heads.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path cds = target.resolve("cds");
        assertThat(run(heads).output()).isEqualTo("aaaaaaaaaaaa (head)\n");
        assertThat(eventually(() -> Files.exists(cds.resolve("heads.jsa")))).isTrue();
        assertThat(Files.readString(cds.resolve("java")))
                .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java") + "\n");

        // Another JAVA_HOME would refuse them: the next run records again, and its archive replaces them.
        heads.environment().put("JAVA_HOME", home.resolve("jdk").toString());
        assertThat(run(heads).output()).isEqualTo("aaaaaaaaaaaa (head)\n");

        assertThat(eventually(() -> Files.exists(cds.resolve("heads.jsa")) && Files.exists(cds.resolve("java"))))
                .isTrue();
        assertThat(Files.readString(cds.resolve("java"))).isEqualTo(home.resolve("jdk/bin/java") + "\n");
    }

    /** A home like the build's, in {@code home}: the launcher, with the jar and its libraries linked from the build. */
    private static Path launcherHome(Path home) throws IOException {
        Path target = Files.createDirectories(home.resolve("retort-cli/target"));
        Files.copy(Path.of("..", "retort"), home.resolve("retort"));
        Files.createSymbolicLink(target.resolve("retort-cli.jar"), TARGET.resolve("retort-cli.jar").toAbsolutePath());
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib").toAbsolutePath());
        return target;
    }

    /** {@code home/jdk}, whose java runs the shell commands {@code onDump} before it dumps a class-data archive. */
    private static void javaHome(Path home, String onDump) throws IOException {
        Path bin = Files.createDirectories(home.resolve("jdk/bin"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(bin.resolve("java"), "#!/bin/sh\n"
                + "case \"$*\" in *-Xshare:dump*) " + onDump + " ;; esac\n"
                + "exec '" + java + "' \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private interface Check {
        boolean holds() throws IOException;
    }

    /** Whether {@code check} holds within a minute. */
    private static boolean eventually(Check check) throws IOException, InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1); System.nanoTime() < end; ) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(200);
        }
        return check.holds();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private void write(String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String output) {
    }

    /** A project of one revision, and {@code retort heads} in it through the launcher in {@code home}. */
    private ProcessBuilder headsThrough(Path home) throws IOException {
        write("retort.toml", "script_location = \"migrations\"\n");
        write("migrations/versions/aaaaaaaaaaaa_first.sql",
                "-- revision: aaaaaaaaaaaa\n-- down_revision: none\n-- message: first\n-- +upgrade\n-- +downgrade\n");
        return new ProcessBuilder("sh", home.resolve("retort").toString(), "heads").directory(project.toFile());
    }

    /** Runs {@code process} to its end, with stderr in its output. */
    private static Run run(ProcessBuilder process) throws IOException, InterruptedException {
        Process started = process.redirectErrorStream(true).start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(started.exitValue(), output);
    }

    private Run retort(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", TARGET.resolve("retort-cli.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
