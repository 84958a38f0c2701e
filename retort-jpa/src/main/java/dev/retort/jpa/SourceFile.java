package dev.retort.jpa;

import dev.retort.internal.FileStat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One {@code .java} file (or {@code lombok.config}) under a source root, read once per run: hashed for the cache key,
 * then, a {@code .java} one, checked for entities.
 *
 * @param root     the source root it was found under
 * @param relative its path below the root, with {@code /} separators (for example {@code com/example/User.java})
 * @param content  its bytes
 * @param stat     its stat when it was read: when it was last modified, and its ctime and inode (see {@link FileStat})
 */
record SourceFile(Path root, String relative, byte[] content, FileStat stat) {
    Path path() {
        return root.resolve(relative);
    }

    /** When it was last modified, in nanoseconds since the epoch. */
    long modified() {
        return stat.modified();
    }

    /** Whether the file's time has no fraction of a second, as every file unpacked from {@code git archive} has. */
    boolean timedToTheSecond() {
        return stat.modified() % 1_000_000_000L == 0;
    }

    String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
