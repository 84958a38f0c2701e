package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository that commits {@code .retort/cache} (with {@code git add -f}) does not get its classes run: a clone
 * gives every file the time of its checkout, and Retort uses a compiled migration only for its file as last modified
 * when it was compiled, and where a compiler is, of the same ctime and inode. So neither does an archive unpacked or
 * a project copied with its times ({@code tar x} of a pax archive, {@code cp -a}); only a JRE, which cannot compile,
 * uses the classes of the file's time, as an image's build stage compiled them.
 */
class CommittedCacheTest {
    /** No server: {@code upgrade --sql} runs offline. */
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/none";

    @TempDir
    Path dir;

    private static String migration(String table) {
        return "import dev.retort.Migration;\nimport dev.retort.Revision;\nimport dev.retort.operation.Operations;\n\n"
                + "@Revision(id = \"a00000000001\", down = {}, message = \"first\")\n"
                + "class First implements Migration {\n"
                + "    public void upgrade(Operations op) {\n"
                + "        op.execute(\"CREATE TABLE " + table + " (id int)\");\n"
                + "    }\n\n    public void downgrade(Operations op) {\n"
                + "        op.execute(\"DROP TABLE " + table + "\");\n    }\n}\n";
    }

    /** A project whose cache holds, for its reviewed file, the classes of a file that creates table evil. */
    private Cli committedCache() throws IOException {
        Cli evil = new Cli(dir.resolve("evil"), NO_SERVER);
        evil.write("migrations/versions/a00000000001_first.java", migration("evil"));
        assertThat(evil.ok("upgrade", "head", "--sql").out()).contains("CREATE TABLE evil");
        Cli repository = new Cli(dir.resolve("repository"), NO_SERVER);
        repository.write("migrations/versions/a00000000001_first.java", migration("reviewed"));
        assertThat(repository.ok("upgrade", "head", "--sql").out()).contains("CREATE TABLE reviewed");
        Path evilClass = onlyEntry(evil.project).resolve("First.class");
        Files.copy(evilClass, onlyEntry(repository.project).resolve("First.class"),
                StandardCopyOption.REPLACE_EXISTING);
        return repository;
    }

    private static Path onlyEntry(Path project) throws IOException {
        try (Stream<Path> entries = Files.list(project.resolve(".retort/cache/java"))) {
            List<Path> dirs = entries.filter(Files::isDirectory).toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    @Test
    void aClonesMigrationIsCompiledFromItsFileNotLoadedFromTheCommittedCache() throws IOException {
        Cli clone = committedCache();
        Files.setLastModifiedTime(clone.project.resolve("migrations/versions/a00000000001_first.java"),
                FileTime.from(Instant.parse("2026-01-02T03:04:05.123456789Z")));

        String sql = clone.ok("upgrade", "head", "--sql").out();

        assertThat(sql).contains("CREATE TABLE reviewed").doesNotContain("evil");
    }

    @Test
    void aCopyThatKeepsTheFilesTimesIsCompiledAgainWhereACompilerIs() throws IOException {
        // tar x of a pax archive keeps the nanoseconds its author chose, cp -a and rsync -a the times: the classes
        // that came with the copy, named for the reviewed file's time, are another's. The copy's ctimes tell.
        Cli built = committedCache();

        assertThat(new Cli(copied(built, false), NO_SERVER).ok("upgrade", "head", "--sql").out())
                .contains("CREATE TABLE reviewed").doesNotContain("evil");
    }

    /**
     * A release tarball (git archive) stamps every file with the commit's time, a whole second that whoever commits
     * chooses: where a compiler is, the file is compiled again rather than its entry of that second trusted.
     */
    @Test
    void aCopyWhoseTimesAreWholeSecondsIsCompiledAgainWhereACompilerIs() throws IOException {
        Cli built = committedCache();

        assertThat(new Cli(copied(built, true), NO_SERVER).ok("upgrade", "head", "--sql").out())
                .contains("CREATE TABLE reviewed").doesNotContain("evil");
    }

    /** A copy of the project with each file's time, cut to the second when {@code wholeSeconds}. */
    private Path copied(Cli built, boolean wholeSeconds) throws IOException {
        Path image = dir.resolve("image");
        try (Stream<Path> files = Files.walk(built.project)) {
            for (Path file : files.toList()) {
                Path copy = image.resolve(built.project.relativize(file).toString());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES); // its time, to the microsecond only
                FileTime modified = Files.getLastModifiedTime(file);
                Files.setLastModifiedTime(copy, wholeSeconds
                        ? FileTime.from(modified.toInstant().getEpochSecond(), TimeUnit.SECONDS) : modified);
            }
        }
        return image;
    }
}
