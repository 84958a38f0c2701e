package dev.retort.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {
    private Path cache;

    @AfterEach
    void deleteCache() throws Exception {
        if (cache != null) {
            FileTree.delete(cache);
        }
    }

    @Test
    void concurrentUnpacksIntoAnEmptyCacheProduceOneCompleteCopy() throws Exception {
        cache = TestDirectories.shared("retort-cache-");
        Path emptyCache = cache.resolve("not-yet-created");
        int threads = 4;
        CountDownLatch ready = new CountDownLatch(threads);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<ChildJvm> processes = List.of(
                    ChildJvm.start(UnpackMain.class, emptyCache.toString()),
                    ChildJvm.start(UnpackMain.class, emptyCache.toString()));
            List<Future<Path>> homes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                homes.add(executor.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return PostgresBinaries.unpacked(emptyCache).home();
                }));
            }

            Path home = homes.get(0).get();
            for (Future<Path> other : homes) {
                assertThat(other.get()).isEqualTo(home);
            }
            for (ChildJvm process : processes) {
                assertThat(process.lastLine()).isEqualTo(home.toString());
            }
            assertThat(home.getParent()).isEqualTo(emptyCache);
            assertThat(home.getFileName().toString()).matches("retort-postgres-17\\.6\\.0-[0-9a-f]{12}");
            try (Stream<Path> entries = Files.list(emptyCache)) {
                assertThat(entries.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(home.getFileName().toString(), home.getFileName() + ".lock");
            }
            assertThat(postgresVersion(home)).isEqualTo("postgres (PostgreSQL) 17.6");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void abandonedUnpackIsCleanedUpAndRedone() throws Exception {
        cache = TestDirectories.shared("retort-cache-");
        Path home = PostgresBinaries.unpacked(cache).home();
        FileTree.delete(home);
        Path abandoned = Files.createDirectory(cache.resolve(home.getFileName() + ".tmp-123"));
        Files.writeString(abandoned.resolve("half"), "written");

        assertThat(PostgresBinaries.unpacked(cache).home()).isEqualTo(home);

        assertThat(abandoned).doesNotExist();
        assertThat(postgresVersion(home)).isEqualTo("postgres (PostgreSQL) 17.6");
    }

    @Test
    void unpackedFilesAreReadableAndProgramsExecutableByEveryone() throws Exception {
        cache = TestDirectories.shared("retort-cache-");
        Path home = PostgresBinaries.unpacked(cache).home();

        assertThat(permissions(home)).isEqualTo("rwxr-xr-x");
        assertThat(permissions(home.resolve("share/postgresql"))).isEqualTo("rwxr-xr-x");
        assertThat(permissions(home.resolve("bin/postgres"))).isEqualTo("rwxr-xr-x");
        assertThat(permissions(home.resolve("share/postgresql/postgres.bki"))).isEqualTo("rw-r--r--");
        assertThat(Files.isSymbolicLink(home.resolve("lib/libpq.so.5"))).isTrue();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String postgresVersion(Path home) throws Exception {
        Process process = new ProcessBuilder(home.resolve("bin/postgres").toString(), "--version")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return output;
    }
}
