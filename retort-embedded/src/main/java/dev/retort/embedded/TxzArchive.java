package dev.retort.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts an xz-compressed tar archive into a directory.
 *
 * <p>Every directory is made {@code rwxr-xr-x} and every file {@code rw-r--r--} (or {@code rwxr-xr-x}
 * when the archive marks it executable), whatever this process's umask, because the binaries may be
 * run by another, unprivileged user.
 */
final class TxzArchive {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> EXECUTABLE = DIRECTORY;
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final int OWNER_EXECUTE_BIT = 0100;

    private TxzArchive() {
    }

    /** Extracts {@code archive} into the existing directory {@code target}; closes nothing it did not open. */
    static void extract(InputStream archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(archive, 1 << 16)));
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = inside(root, entry.getName());
            if (entry.isDirectory()) {
                createDirectory(path);
            } else if (entry.isSymbolicLink()) {
                createDirectory(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                createDirectory(path.getParent());
                Files.createLink(path, inside(root, entry.getLinkName()));
            } else if (entry.isFile()) {
                createDirectory(path.getParent());
                Files.copy(tar, path);
                boolean executable = (entry.getMode() & OWNER_EXECUTE_BIT) != 0;
                Files.setPosixFilePermissions(path, executable ? EXECUTABLE : READABLE);
            }
        }
    }

    /** Resolves an entry name, refusing names that would land outside the target (such as {@code ../x}). */
    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry " + name + " points outside " + root);
        }
        return path;
    }

    /** Creates a directory and any missing parents, each with {@link #DIRECTORY} permissions. */
    private static void createDirectory(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = directory; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            Files.createDirectory(p);
            Files.setPosixFilePermissions(p, DIRECTORY);
        }
    }
}
