package dev.retort.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes old cache entries, so that a project edited all day does not collect one set of classes per edit.
 *
 * <p>The newest entries are kept (switching branches back and forth stays fast), and so is anything touched
 * in the last few minutes, which another run may be writing or reading right now.
 */
final class CachePruner {
    static final int KEEP = 5;
    private static final Duration IN_USE = Duration.ofMinutes(10);

    private CachePruner() {
    }

    /** Deletes the entries of {@code cacheDir} beyond the {@link #KEEP} newest, except {@code current}. */
    static void prune(Path cacheDir, Path current) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(cacheDir)) {
            entries = list.filter(CachePruner::isEntry)
                    .sorted(Comparator.comparing(CachePruner::modified).reversed())
                    .toList();
        } catch (IOException e) {
            return; // pruning is housekeeping; a cache that cannot be listed is left as it is
        }
        Instant recent = Instant.now().minus(IN_USE);
        for (Path entry : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
            if (!entry.equals(current) && modified(entry).toInstant().isBefore(recent)) {
                delete(entry);
            }
        }
    }

    /** Whether {@code path}, in the cache directory, is an entry (named by its key). */
    static boolean isEntry(Path path) {
        return path.getFileName().toString().matches("[0-9a-f]{32}") && Files.isDirectory(path);
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Deletes {@code root} and what is under it, as far as it can; absent is fine. */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Whatever is left is tried again after the next change.
        }
    }
}
