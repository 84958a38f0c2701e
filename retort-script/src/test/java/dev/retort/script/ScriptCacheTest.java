package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script cache: a file's header comes from it only while the file's stat is unchanged and was not changed
 * just before the cache was written, and a cache that cannot be used is as good as none.
 */
class ScriptCacheTest {
    @TempDir
    Path project;

    private Path versions;
    private Path cache;

    @BeforeEach
    void threeMigrations() throws IOException {
        versions = Files.createDirectories(project.resolve("versions"));
        cache = project.resolve(".retort/cache/scripts");
        write("aaaaaaaaaaa1_first.sql", sql("aaaaaaaaaaa1", "none", "one", "SELECT 1;"));
        write("aaaaaaaaaaa2_second.sql", sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "two", "SELECT 2;"));
        write("aaaaaaaaaaa3_third.java", """
                import dev.retort.*;
                @Revision(id = "aaaaaaaaaaa3", down = "aaaaaaaaaaa2", branchLabels = "main", message = "three",
                        created = "2026-12-03T10:00:00")
                final class Third_aaaaaaaaaaa3 implements Migration {
                }
                """);
    }

    private static String sql(String id, String down, String message, String body) {
        return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: " + message + "\n-- +upgrade\n"
                + body + "\n-- +downgrade\nSELECT 0;\n";
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(versions.resolve(name), text);
    }

    /** As if the cache had been written a minute later: its entries are then past the racy window. */
    private void ageFiles() throws IOException {
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(60)));
    }

    private ScriptDirectory load() {
        return ScriptDirectory.load(versions, cache);
    }

    @Test
    void unchangedFilesComeFromTheCacheWithTheSameHeadersTextAndChecksums() throws IOException {
        ScriptDirectory first = load();
        assertThat(first.filesRead).isEqualTo(3);
        ageFiles();

        ScriptDirectory second = load();

        assertThat(second.filesRead).isZero();
        for (String id : List.of("aaaaaaaaaaa1", "aaaaaaaaaaa2", "aaaaaaaaaaa3")) {
            Script before = first.script(id);
            Script after = second.script(id);
            assertThat(after.revision()).isEqualTo(before.revision());
            assertThat(after.kind()).isEqualTo(before.kind());
            assertThat(after.created()).isEqualTo(before.created());
            assertThat(after.checksum()).isEqualTo(before.checksum());
            assertThat(after.source()).isEqualTo(before.source());
            assertThat(after.path()).isEqualTo(before.path());
        }
        assertThat(second.map().heads()).extracting(r -> r.id()).containsExactly("aaaaaaaaaaa3");
    }

    @Test
    void filesChangedJustBeforeTheCacheWasWrittenAreReadAgain() throws IOException {
        load();
        // As if written in the same instant as the files, however long a loaded machine took to get here.
        Files.setLastModifiedTime(cache, Files.getLastModifiedTime(versions.resolve("aaaaaaaaaaa3_third.java")));
        // Written within two seconds of the files' last change: on a file system of coarse timestamps, an edit
        // in the same tick would not show in the stat.
        assertThat(load().filesRead).isEqualTo(3);
    }

    @Test
    void anEditThatKeepsTheSizeAndModificationTimeIsStillSeen() throws IOException {
        load();
        ageFiles();
        Path file = versions.resolve("aaaaaaaaaaa2_second.sql");
        FileTime modified = Files.getLastModifiedTime(file);
        write("aaaaaaaaaaa2_second.sql", sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "TWO", "SELECT 2;"));
        Files.setLastModifiedTime(file, modified);

        ScriptDirectory scripts = load();

        assertThat(scripts.filesRead).isEqualTo(1);
        assertThat(scripts.script("aaaaaaaaaaa2").revision().message()).isEqualTo("TWO");
    }

    @Test
    void addedAndRemovedFilesAreSeenAndTheCacheFollows() throws IOException {
        load();
        ageFiles();
        Files.delete(versions.resolve("aaaaaaaaaaa3_third.java"));
        write("aaaaaaaaaaa4_fourth.sql", sql("aaaaaaaaaaa4", "aaaaaaaaaaa2", "four", "SELECT 4;"));

        ScriptDirectory scripts = load();

        assertThat(scripts.filesRead).isEqualTo(1);
        assertThat(scripts.map().heads()).extracting(r -> r.id()).containsExactly("aaaaaaaaaaa4");
        assertThatThrownBy(() -> scripts.script("aaaaaaaaaaa3")).isInstanceOf(ScriptException.class);
        ageFiles();
        assertThat(load().filesRead).isZero();
    }

    @Test
    void aDamagedOrForeignCacheIsReadAsNoneAndReplaced() throws IOException {
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "not a cache");
        assertThat(load().filesRead).isEqualTo(3);
        ageFiles();
        assertThat(load().filesRead).isZero();

        byte[] whole = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(whole, whole.length / 2));
        ageFiles();
        assertThat(load().filesRead).as("cut in half").isEqualTo(3);

        Path other = Files.createDirectories(project.resolve("other"));
        Files.copy(versions.resolve("aaaaaaaaaaa1_first.sql"), other.resolve("aaaaaaaaaaa1_first.sql"));
        ageFiles();
        assertThat(ScriptDirectory.load(other, cache).filesRead).as("another directory's cache").isEqualTo(1);
    }

    @Test
    void aCacheThatCannotBeWrittenLeavesLoadingAlone() throws IOException {
        Files.createDirectories(project.resolve(".retort"));
        Files.writeString(project.resolve(".retort/cache"), "a file where the cache directory would be");
        ScriptDirectory scripts = load();
        assertThat(scripts.filesRead).isEqualTo(3);
        assertThat(scripts.script("aaaaaaaaaaa1").source()).contains("SELECT 1;");
    }

    @Test
    void aFileEditedAfterItsHeaderCameFromTheCacheIsReportedWhenItsTextIsNeeded() throws IOException {
        load();
        ageFiles();
        ScriptDirectory scripts = load();
        assertThat(scripts.filesRead).isZero();
        write("aaaaaaaaaaa1_first.sql", sql("aaaaaaaaaaa1", "none", "one", "DROP TABLE precious;"));

        assertThatThrownBy(() -> scripts.script("aaaaaaaaaaa1").source()).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa1_first.sql changed while retort was running, after its header was read;"
                        + " run the command again.");
    }

    @Test
    void aFirstReadHashesNothingAndAChecksumOnceComputedIsKept() throws IOException {
        ScriptDirectory first = load();
        Path dir = versions.toAbsolutePath().normalize();
        ageFiles();
        assertThat(ScriptCache.read(cache, dir).values()).hasSize(3).extracting(ScriptCache.Entry::checksum)
                .containsOnlyNulls();

        ScriptDirectory second = load();
        assertThat(second.filesRead).isZero();
        String checksum = second.script("aaaaaaaaaaa2").checksum();
        assertThat(checksum).isEqualTo(first.script("aaaaaaaaaaa2").checksum());
        second.saveComputed();
        ageFiles();

        assertThat(ScriptCache.read(cache, dir).get("aaaaaaaaaaa2_second.sql").checksum()).isEqualTo(checksum);
        assertThat(ScriptCache.read(cache, dir).get("aaaaaaaaaaa1_first.sql").checksum()).isNull();
        ScriptDirectory third = load();
        assertThat(third.filesRead).isZero();
        assertThat(third.script("aaaaaaaaaaa2").knownChecksum()).as("from the cache, unread").isEqualTo(checksum);
        assertThat(third.script("aaaaaaaaaaa1").knownChecksum()).isNull();
    }

    @Test
    void aCompiledJavaMigrationLoadsFromTheCachesWithoutReadingItsFile() throws IOException {
        write("aaaaaaaaaaa4_fourth.java", """
                import dev.retort.*;
                import dev.retort.operation.Operations;
                @Revision(id = "aaaaaaaaaaa4", down = "aaaaaaaaaaa3", message = "four")
                final class Fourth_aaaaaaaaaaa4 implements Migration {
                    public void upgrade(Operations op) { op.execute("SELECT 4"); }
                    public void downgrade(Operations op) { }
                }
                """);
        Path compileCache = project.resolve(".retort/cache/java");
        ScriptDirectory first = load();
        new JavaMigrationCompiler(compileCache).load(List.of(first.script("aaaaaaaaaaa4")));
        first.saveComputed();
        ageFiles();

        ScriptDirectory second = load();
        Script fourth = second.script("aaaaaaaaaaa4");
        assertThat(second.filesRead).isZero();
        assertThat(fourth.knownJavaClass()).isEqualTo("Fourth_aaaaaaaaaaa4");
        assertThat(fourth.knownCompileKey()).isEqualTo(first.script("aaaaaaaaaaa4").compileKey());
        // Gone, the file cannot be read: a load that needed its text would fail.
        Files.delete(versions.resolve("aaaaaaaaaaa4_fourth.java"));
        assertThat(new JavaMigrationCompiler(compileCache).load(List.of(fourth))).containsOnlyKeys("aaaaaaaaaaa4");
        assertThatThrownBy(fourth::source).isInstanceOf(ScriptException.class);
    }

    @Test
    void compileKeysMadeForAnotherCompilerAreDroppedAndTheRestKept() throws IOException {
        ScriptDirectory first = load();
        Script third = first.script("aaaaaaaaaaa3");
        String checksum = third.checksum();
        String compileKey = third.compileKey();
        first.saveComputed();
        ageFiles();
        Path dir = versions.toAbsolutePath().normalize();
        assertThat(ScriptCache.read(cache, dir).get("aaaaaaaaaaa3_third.java").compileKey()).isEqualTo(compileKey);

        // The same cache as written by a Retort of another compiler key: its last character changed.
        byte[] bytes = Files.readAllBytes(cache);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(CompileKey.COMPILER);
        bytes[at + CompileKey.COMPILER.length() - 1] ^= 1;
        Files.write(cache, bytes);
        ageFiles();

        ScriptCache.Entry entry = ScriptCache.read(cache, dir).get("aaaaaaaaaaa3_third.java");
        assertThat(entry.compileKey()).isNull();
        assertThat(entry.checksum()).isEqualTo(checksum);
        assertThat(entry.javaClass()).isEqualTo("Third_aaaaaaaaaaa3");
    }

    @Test
    void aFileWithAByteOrderMarkReadsTheSameFromTheCache() throws IOException {
        Path first = versions.resolve("aaaaaaaaaaa1_first.sql");
        String text = Files.readString(first);
        Files.write(first, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
        ScriptDirectory read = load();
        assertThat(read.script("aaaaaaaaaaa1").revision().downRevisions()).isEmpty();
        ageFiles();

        ScriptDirectory cached = load();

        assertThat(cached.filesRead).isZero();
        assertThat(cached.script("aaaaaaaaaaa2").revision().downRevisions()).containsExactly("aaaaaaaaaaa1");
        assertThat(cached.script("aaaaaaaaaaa1").source()).isEqualTo(text);
        assertThat(cached.script("aaaaaaaaaaa1").checksum()).isEqualTo(read.script("aaaaaaaaaaa1").checksum());
    }
}
