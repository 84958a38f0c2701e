package dev.retort.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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
            Path userDirectory = emptyCache.resolve("retort-embedded-" + System.getProperty("user.name"));
            assertThat(home.getParent()).isEqualTo(userDirectory);
            assertThat(home.getFileName().toString()).matches("retort-postgres-17\\.6\\.0-[0-9a-f]{12}");
            try (Stream<Path> entries = Files.list(userDirectory)) {
                assertThat(entries.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(home.getFileName().toString(), home.getFileName() + ".lock");
            }
            assertThat(permissions(userDirectory)).isEqualTo("rwxr-xr-x");
            // Only this user locks it: another who could would hold the lock and keep every unpack waiting.
            assertThat(permissions(userDirectory.resolve(home.getFileName() + ".lock")).substring(3))
                    .doesNotContain("w");
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
        Path abandoned = Files.createDirectory(home.resolveSibling(home.getFileName() + ".tmp-123"));
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

    @Test
    void anUnpackAnotherUserOwnsIsRefused() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root can give files to another user");
        cache = TestDirectories.shared("retort-cache-");
        Path home = PostgresBinaries.unpacked(cache).home();
        // What a local user who made the directory first would have: programs of their own.
        for (Path path : List.of(home, home.resolve("bin"), home.resolve("bin/initdb"))) {
            Files.setOwner(path, nobody());
        }
        Files.writeString(home.resolve("bin/initdb"), "#!/bin/sh\nid -un\n");

        assertThatThrownBy(() -> PostgresBinaries.unpacked(cache))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessage("Will not run the PostgreSQL binaries in " + home.getParent() + ": " + home
                        + " belongs to nobody, not to root. Delete " + home.getParent()
                        + " (as its owner or root), or set the system property retort.embedded.cache "
                        + "(or java.io.tmpdir) to a directory of your own.");
    }

    @Test
    void anUnpackOthersMayWriteToIsRefused() throws Exception {
        cache = TestDirectories.shared("retort-cache-");
        Path home = PostgresBinaries.unpacked(cache).home();
        Files.setPosixFilePermissions(home.resolve("bin"), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PostgresBinaries.unpacked(cache))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(": " + home.resolve("bin") + " may be written by other users (mode 777). ");
    }

    @Test
    void eachUserUnpacksIntoADirectoryOfTheirOwnAndRefusesOneAnotherMade() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root can give files to another user");
        cache = TestDirectories.shared("retort-cache-");
        Path planted = Files.createDirectory(cache.resolve("retort-embedded-" + System.getProperty("user.name")));
        Files.setOwner(planted, nobody());

        assertThatThrownBy(() -> PostgresBinaries.unpacked(cache))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageStartingWith("Will not run the PostgreSQL binaries in " + planted + ": " + planted
                        + " belongs to nobody");
        try (Stream<Path> entries = Files.list(planted)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aCacheRootOthersMayWriteToNeedsTheStickyBit() throws Exception {
        cache = TestDirectories.shared("retort-cache-");
        Files.setAttribute(cache, "unix:mode", 0777);

        assertThatThrownBy(() -> PostgresBinaries.unpacked(cache))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(": " + cache + " may be written by other users and lacks the sticky bit");

        Files.setAttribute(cache, "unix:mode", 01777);
        assertThat(postgresVersion(PostgresBinaries.unpacked(cache).home())).isEqualTo("postgres (PostgreSQL) 17.6");
    }

    private static UserPrincipal nobody() throws Exception {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
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
