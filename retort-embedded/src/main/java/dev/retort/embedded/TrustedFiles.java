package dev.retort.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Refuses to run programs that a user other than this one or root may have put in place.
 *
 * <p>The binaries are cached in the temporary directory, where every user may create files. Whoever creates a
 * directory there first owns it; were Retort to run {@code initdb}, {@code pg_ctl} and {@code postgres} from a
 * directory another user made or may write to, it would run that user's programs as itself. So each directory and
 * program must belong to this user or root and be writable by no one else, and the directory above them, if others
 * may write to it, must have the sticky bit (as {@code /tmp} has) so that they cannot rename them away.
 */
final class TrustedFiles {
    private static final int TYPE = 0170000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int STICKY = 01000;
    private static final int WRITABLE_BY_OTHERS = 0022;

    private TrustedFiles() {
    }

    /**
     * Fails unless {@code directory}, this user's part of the cache, and the {@code files} in it are this user's or
     * root's alone.
     */
    static void require(Path directory, Path... files) {
        Path parent = directory.toAbsolutePath().getParent();
        int parentMode = (Integer) attributes(directory, parent, true).get("mode");
        if ((parentMode & WRITABLE_BY_OTHERS) != 0 && (parentMode & STICKY) == 0) {
            throw refused(directory, parent + " may be written by other users and lacks the sticky bit, so they "
                    + "may put their own programs in place of these");
        }
        requireOwn(directory, directory);
        for (Path file : files) {
            requireOwn(directory, file);
        }
    }

    private static void requireOwn(Path directory, Path file) {
        Map<String, Object> attributes = attributes(directory, file, false);
        int mode = (Integer) attributes.get("mode");
        int owner = (Integer) attributes.get("uid");
        if ((mode & TYPE) == SYMBOLIC_LINK) {
            throw refused(directory, file + " is a symbolic link");
        }
        int current = currentUid();
        if (owner != 0 && owner != current) {
            throw refused(directory, file + " belongs to " + ownerName(file, owner) + ", not to "
                    + (current == 0 ? "root" : "you (" + System.getProperty("user.name") + ") or root"));
        }
        if ((mode & WRITABLE_BY_OTHERS) != 0) {
            throw refused(directory, file + " may be written by other users (mode "
                    + Integer.toOctalString(mode & 07777) + ")");
        }
    }

    private static EmbeddedPostgresException refused(Path directory, String reason) {
        return new EmbeddedPostgresException("Will not run the PostgreSQL binaries in " + directory + ": "
                + reason + ". Delete " + directory + " (as its owner or root), or set the system property "
                + "retort.embedded.cache (or java.io.tmpdir) to a directory of your own.");
    }

    private static Map<String, Object> attributes(Path directory, Path file, boolean followLinks) {
        try {
            return followLinks ? Files.readAttributes(file, "unix:uid,mode")
                    : Files.readAttributes(file, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new EmbeddedPostgresException("Could not check who owns " + file + " (" + e.getMessage()
                    + "), so Retort will not run the PostgreSQL binaries in " + directory + ".", e);
        }
    }

    private static String ownerName(Path file, int uid) {
        try {
            return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            return "user " + uid;
        }
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not tell which user this is from /proc/self ("
                    + e.getMessage() + "), so Retort will not run the PostgreSQL binaries.", e);
        }
    }
}
