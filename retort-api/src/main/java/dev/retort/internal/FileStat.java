package dev.retort.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one stat tells of a file that a cache keys on: its kind, size and time, and where the file system has Unix
 * attributes its status-change time (ctime) and inode. The script, compile, configuration and entity caches all read
 * it here.
 *
 * <p>The time alone does not tell that a file is the one an entry was made for: a copy that keeps times
 * ({@code tar x} of a pax archive, which keeps the nanoseconds its author chose, {@code cp -a}, {@code rsync -a}), a
 * jar rebuilt to its old size and given back its time (a reproducible build), a link retargeted to another jar of the
 * same time (the Nix store gives every file the time 1) all keep it. The ctime is set by every write, and no tool can
 * set it back; the inode tells a file put in another's place.
 *
 * @param modified the time, in nanoseconds since the epoch
 * @param changed  the ctime, in nanoseconds since the epoch; {@link #UNKNOWN} where the file system has none
 * @param inode    {@link #UNKNOWN} where the file system has none
 */
public record FileStat(boolean directory, boolean regularFile, boolean symbolicLink, long size, long modified,
        long changed, long inode) {
    public static final long UNKNOWN = Long.MIN_VALUE;
    /** Whether the default file system has Unix attributes, without which no stat holds a ctime or an inode. */
    public static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final String ATTRIBUTES =
            "unix:isDirectory,isRegularFile,isSymbolicLink,size,lastModifiedTime,ctime,ino";

    /** The stat of {@code file}, in one system call: of a link itself with {@code NOFOLLOW_LINKS}. */
    public static FileStat of(Path file, LinkOption... options) throws IOException {
        if (UNIX && file.getFileSystem() == FileSystems.getDefault()) {
            Map<String, Object> attributes = Files.readAttributes(file, ATTRIBUTES, options);
            return new FileStat((Boolean) attributes.get("isDirectory"), (Boolean) attributes.get("isRegularFile"),
                    (Boolean) attributes.get("isSymbolicLink"), (Long) attributes.get("size"),
                    nanos(attributes.get("lastModifiedTime")), nanos(attributes.get("ctime")),
                    (Long) attributes.get("ino"));
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, options);
        return new FileStat(attributes.isDirectory(), attributes.isRegularFile(), attributes.isSymbolicLink(),
                attributes.size(), nanos(attributes.lastModifiedTime()), UNKNOWN, UNKNOWN);
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    /** The time, ctime and inode, as the entity cache's key and an entry's record of its sources hold them. */
    public String stamp() {
        return changed == UNKNOWN ? Long.toString(modified) : modified + "|" + changed + "|" + inode;
    }
}
