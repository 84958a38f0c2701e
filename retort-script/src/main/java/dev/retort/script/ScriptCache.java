package dev.retort.script;

import dev.retort.internal.FileStat;
import dev.retort.revision.Revision;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The headers and checksums of the migration files as the last run read them, kept in Retort's state directory
 * so that a run opens only the files that changed since: on a history of 10,000 files, opening and reading each
 * one costs a tenth of a second of system calls. A file's checksum is kept once a command computed it (reading a
 * header does not hash the file: a first run of {@code history} over 10,000 files would pay a tenth of a second
 * for checksums nobody asked for); see {@link ScriptDirectory#saveComputed()}. So is the compile key of a Java
 * migration (where its classes are in the compile cache), together with the class it declares, so that a run of
 * compiled migrations reads none of their files. Python checks its compiled modules (and so Alembic its
 * scripts) against their source files' stat in much the same way.
 *
 * <p>A file's entry counts only while the file's stat is the same: size, modification time, inode and
 * status-change time (ctime, which every write sets and no tool can set back). An entry for a file changed
 * less than two seconds before the cache was written is not trusted, as git treats a "racy" index entry: on a file
 * system with coarse timestamps a second edit within the same tick would leave the stat as it was. The cache is
 * only ever a shortcut: a missing, unreadable, corrupt or other project's cache is read as empty, and one that
 * cannot be written is left alone. Where the file system has no Unix attributes (Windows), there is no cache.
 */
final class ScriptCache {
    private static final int MAGIC = 0x52544843; // "RTHC"
    private static final int FORMAT = 2;
    /** Coarser than any file system's timestamps (FAT's two seconds). */
    private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final boolean SUPPORTED = FileStat.UNIX;

    private ScriptCache() {
    }

    /** What one stat tells of a file. */
    record Stat(long size, long modified, long changed, long inode) {
        /**
         * Whether {@code other} (null for a file that is gone) is this stat. Not equals(): a record's first equals()
         * builds its method handles, a measurable part of a history's read.
         */
        boolean same(Stat other) {
            return other != null && size == other.size && modified == other.modified && changed == other.changed
                    && inode == other.inode;
        }
    }

    /**
     * A file's stat when it was read, and what was read; {@code checksum} and {@code compileKey} are null until a
     * command computed them, {@code javaClass} is null for a SQL migration.
     */
    record Entry(Stat stat, ScriptKind kind, Revision revision, String created, String checksum, String javaClass,
            String compileKey) {
        Entry withComputed(String checksum, String compileKey) {
            return new Entry(stat, kind, revision, created, checksum, javaClass, compileKey);
        }
    }

    /** The stat of {@code file}, following links; null for anything but a regular file, or one that cannot be read. */
    static Stat stat(Path file) {
        try {
            FileStat stat = FileStat.of(file);
            return stat.regularFile() ? new Stat(stat.size(), stat.modified(), stat.changed(), stat.inode()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }

    /**
     * The trusted entries of the cache at {@code cacheFile} for the migrations in {@code versionsDir}, by file
     * name; empty when there is no usable cache.
     */
    static Map<String, Entry> read(Path cacheFile, Path versionsDir) {
        try (InputStream file = Files.newInputStream(cacheFile)) {
            long written = nanos(Files.getLastModifiedTime(cacheFile));
            DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(versionsDir.toString())) {
                return Map.of();
            }
            // Compile keys made for another Retort or JDK name classes this run must not use.
            boolean sameCompiler = in.readUTF().equals(CompileKey.COMPILER);
            int count = in.readInt();
            Map<String, Entry> entries = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                Stat stat = new Stat(in.readLong(), in.readLong(), in.readLong(), in.readLong());
                ScriptKind kind = ScriptKind.values()[in.readByte()];
                String id = in.readUTF();
                List<String> downRevisions = strings(in);
                List<String> branchLabels = strings(in);
                List<String> dependsOn = strings(in);
                Revision revision = new Revision(id, downRevisions, new LinkedHashSet<>(branchLabels), dependsOn,
                        in.readUTF(), name);
                String created = in.readUTF();
                String checksum = in.readUTF();
                String javaClass = in.readUTF();
                String compileKey = in.readUTF();
                Entry entry = new Entry(stat, kind, revision, created, orNull(checksum), orNull(javaClass),
                        sameCompiler ? orNull(compileKey) : null);
                if (Math.max(stat.modified(), stat.changed()) < written - RACY_NANOS) {
                    entries.put(name, entry);
                }
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            // No cache, another version's, or a damaged one: every file is read.
            return Map.of();
        }
    }

    private static String orNull(String kept) {
        return kept.isEmpty() ? null : kept;
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    /**
     * Replaces the cache at {@code cacheFile} with {@code entries} (by file name), whole or not at all: it is
     * written beside and moved into place, so a run reading it at the same time sees the old cache or the new one.
     */
    static void write(Path cacheFile, Path versionsDir, Map<String, Entry> entries) {
        Path temporary = null;
        try {
            Files.createDirectories(cacheFile.getParent());
            // Named after this process and thread, which is all a concurrent run needs to keep apart from it (threads
            // of an application may share one Retort): createTempFile's random names cost a SecureRandom, 17 ms of a
            // first run.
            temporary = cacheFile.resolveSibling(cacheFile.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Thread.currentThread().getId() + ".tmp");
            try (OutputStream file = Files.newOutputStream(temporary)) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16));
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(versionsDir.toString());
                out.writeUTF(CompileKey.COMPILER);
                out.writeInt(entries.size());
                for (Map.Entry<String, Entry> named : entries.entrySet()) {
                    Entry entry = named.getValue();
                    out.writeUTF(named.getKey());
                    out.writeLong(entry.stat().size());
                    out.writeLong(entry.stat().modified());
                    out.writeLong(entry.stat().changed());
                    out.writeLong(entry.stat().inode());
                    out.writeByte(entry.kind().ordinal());
                    Revision revision = entry.revision();
                    out.writeUTF(revision.id());
                    strings(out, revision.downRevisions());
                    strings(out, List.copyOf(revision.branchLabels()));
                    strings(out, revision.dependsOn());
                    out.writeUTF(revision.message());
                    out.writeUTF(entry.created());
                    out.writeUTF(orEmpty(entry.checksum()));
                    out.writeUTF(orEmpty(entry.javaClass()));
                    out.writeUTF(orEmpty(entry.compileKey()));
                }
                out.flush();
            }
            Files.move(temporary, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // A read-only checkout, a full disk, a message too long for the format: the next run reads the files.
            deleteQuietly(temporary);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void strings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Left behind in the cache directory; the next write does not read it.
            }
        }
    }
}
