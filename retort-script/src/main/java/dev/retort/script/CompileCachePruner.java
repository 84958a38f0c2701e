package dev.retort.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes old entries of the compiled-migration cache, so that a project whose migrations are edited and
 * recompiled for months does not keep every version's classes.
 *
 * <p>It runs after a compile, the only time entries are added. An entry goes when the run does not use it and
 * it is older than {@link #OLD}: switching branches back and forth within that time recompiles nothing, and a
 * migration whose entry went is compiled again the next time it runs. Half-written output of a compile that
 * died ({@code compiling-*}) goes once it is older than {@link #ABANDONED}.
 */
final class CompileCachePruner {
    static final Duration OLD = Duration.ofDays(30);
    static final Duration ABANDONED = Duration.ofHours(1);

    private CompileCachePruner() {
    }

    /** Prunes {@code cacheDir}, keeping {@code inUse} whatever their age. */
    static void prune(Path cacheDir, Collection<Path> inUse, Instant now) {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(cacheDir)) {
            list.forEach(entries::add);
        } catch (IOException e) {
            return; // housekeeping: a cache that cannot be listed is left as it is
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            Duration age = Duration.between(modified(entry), now);
            boolean stale = name.startsWith("compiling-") ? age.compareTo(ABANDONED) > 0
                    : CompiledEntry.isEntry(name) && !inUse.contains(entry) && age.compareTo(OLD) > 0;
            if (stale) {
                JavaMigrationCompiler.deleteTree(entry);
            }
        }
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.MAX; // gone or unreadable: not this run's to remove
        }
    }
}
