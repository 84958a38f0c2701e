package dev.retort.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatTest {
    @TempDir
    Path dir;

    @Test
    void aStatTellsAFilesKindSizeAndTime() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        FileStat stat = FileStat.of(file);

        assertThat(stat.regularFile()).isTrue();
        assertThat(stat.directory()).isFalse();
        assertThat(stat.size()).isEqualTo(5);
        assertThat(stat.modified()).isEqualTo(Files.getLastModifiedTime(file).toMillis() * 1_000_000
                + Files.getLastModifiedTime(file).toInstant().getNano() % 1_000_000);
        assertThat(FileStat.of(dir).directory()).isTrue();
    }

    @Test
    void aCopyThatKeepsTheTimeHasAnotherStamp() throws IOException {
        assumeTrue(FileStat.UNIX, "the file system has no ctime or inode");
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        Path copy = Files.copy(file, dir.resolve("b.txt"));
        FileTime time = FileTime.fromMillis(1_700_000_000_123L); // as `cp -a` or `tar x` would set it
        Files.setLastModifiedTime(file, time);
        Files.setLastModifiedTime(copy, time);
        FileStat original = FileStat.of(file);
        FileStat copied = FileStat.of(copy);

        assertThat(copied.modified()).isEqualTo(original.modified());
        assertThat(copied.inode()).isNotEqualTo(original.inode());
        assertThat(copied.stamp()).isNotEqualTo(original.stamp());
        assertThat(FileStat.of(file).stamp()).isEqualTo(original.stamp());
    }

    @Test
    void aLinkIsStatedItselfOnlyWhenAskedTo() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);

        assertThat(FileStat.of(link, LinkOption.NOFOLLOW_LINKS).symbolicLink()).isTrue();
        assertThat(FileStat.of(link).symbolicLink()).isFalse();
        assertThat(FileStat.of(link).regularFile()).isTrue();
    }
}
