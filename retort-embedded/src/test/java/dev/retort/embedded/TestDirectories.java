package dev.retort.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates the directories the tests need, with the permissions they need. */
final class TestDirectories {
    private TestDirectories() {
    }

    /** Returns a new directory under {@code java.io.tmpdir} that every user can enter ({@code rwxr-xr-x}). */
    static Path shared(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    /** Returns a new directory under {@code java.io.tmpdir} that only its owner can enter ({@code rwx------}). */
    static Path ownerOnly(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        return directory;
    }

    static boolean runningAsRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
