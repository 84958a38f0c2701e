package dev.retort.script;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Names and finds a Java migration's entry in the compile cache: its {@link CompileKey} (the text and the compiler)
 * and the file's stat when its classes were compiled: the time it was last modified, as Python's compiled modules
 * record their source's time, and (where the file system has Unix attributes) its status-change time (ctime) and
 * inode.
 *
 * <p>An entry is used only for the file as it was when the entry was written here. The modification time alone does
 * not tell that: a copy that keeps times ({@code tar x} of a pax archive, which keeps the nanoseconds its author
 * chose, {@code cp -a}, {@code rsync -a}) brings an entry named for the file along with it. The ctime does: every
 * write sets it, and no tool can set it back, so a file extracted, copied or cloned has a new one and an entry that
 * came with the project, under the key of an innocent-looking file, is never loaded where a compiler is: the file is
 * compiled again. The stat is part of the entry's name, so finding it costs the one stat that finding the entry
 * always did; a file the script cache kept costs none.
 *
 * <p>Only where no compiler is (a JRE image) is an entry made for another stat used, being all there is: the one
 * entry named for the file's modification time. A container image keeps the files' times, so the classes its build
 * stage compiled are used; its tar layers may keep only whole seconds, so a file whose time has no fraction of a
 * second finds the entry of the same second (as containerd compares the times of files that went through a tar). A
 * compile removes the other entries of its key and second, so that such an image finds its build stage's classes
 * rather than whatever came with the project.
 *
 * <p>Where the file system has no Unix attributes (Windows), an entry is named for the time alone, and a time without
 * a fraction of a second is what an archive gives: {@code git archive} (a release tarball, a downloaded zip) stamps
 * every file with the commit's time, which whoever commits chooses, so an entry named for it may have come with the
 * files. Where a compiler is, such a file is compiled again and its classes take the entry's place. A time with a
 * fraction, which a pax archive or a copy keeping times may also give, is trusted there as it was before.
 */
final class CompiledEntry {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Path cacheDir;
    /**
     * Whether this Java can compile; asked only of a file whose own entry is not there, or (without Unix attributes)
     * whose time has no fraction of a second.
     */
    private final BooleanSupplier canCompile;
    /** Its answer, asked once: the JDK looks its compiler up as a service at every call. */
    private Boolean compiles;
    /** The names in the cache, listed once, when a file looks for the one entry of its time (see onlyOfTime). */
    private List<String> listed;

    CompiledEntry(Path cacheDir, BooleanSupplier canCompile) {
        this.cacheDir = cacheDir;
        this.canCompile = canCompile;
    }

    private boolean compiles() {
        if (compiles == null) {
            compiles = canCompile.getAsBoolean();
        }
        return compiles;
    }

    /** The name of the entry for the classes of {@code key}, compiled from a file last modified at {@code modified}. */
    static String name(String key, long modified) {
        // Not String.format, whose classes a run that compiles nothing would load for this alone.
        String nanos = Long.toString(Math.floorMod(modified, NANOS_PER_SECOND));
        return key + "-" + Math.floorDiv(modified, NANOS_PER_SECOND) + "." + "0".repeat(9 - nanos.length()) + nanos;
    }

    /**
     * The name of the entry for the classes of {@code key}, compiled from a file last modified at {@code modified} of
     * the stat {@code stat} (null where the file system has no Unix attributes, or for a class path resource): the
     * time, then the ctime and inode.
     */
    static String name(String key, long modified, ScriptCache.Stat stat) {
        return stat == null ? name(key, modified) : name(key, modified) + "-" + stat.changed() + "-" + stat.inode();
    }

    /**
     * Whether {@code name} is an entry's name, with or without (before Retort recorded them) a file's time and its
     * ctime and inode.
     */
    static boolean isEntry(String name) {
        return name.matches("[0-9a-f]{32}(-[-0-9]+\\.[0-9]{9}(-[-0-9]+-[-0-9]+)?)?");
    }

    /**
     * The cached entry of the classes of {@code key} for the file last modified at {@code modified} (nanoseconds since
     * the epoch), where the file system has no Unix attributes; null when there is none.
     */
    Path find(String key, long modified) {
        return find(key, modified, null);
    }

    /**
     * The cached entry of the classes of {@code key} for the file last modified at {@code modified} (nanoseconds since
     * the epoch) of the stat {@code stat} (null where the file system has no Unix attributes), or null when there is
     * none.
     */
    Path find(String key, long modified, ScriptCache.Stat stat) {
        if (stat != null) {
            Path exact = cacheDir.resolve(name(key, modified, stat));
            if (Files.isDirectory(exact)) {
                return exact; // written here, for this very file
            }
            return compiles() ? null : onlyOfTime(key, modified);
        }
        if (wholeSecond(modified) && compiles()) {
            return null;
        }
        Path exact = cacheDir.resolve(name(key, modified));
        if (Files.isDirectory(exact)) {
            return exact;
        }
        return wholeSecond(modified) ? onlyOfTime(key, modified) : null;
    }

    /**
     * The one entry of {@code key} named for the time {@code modified} (for a time cut to the second, for any time of
     * that second), whatever stat it was made for; null when there is none or more than one.
     */
    private Path onlyOfTime(String key, long modified) {
        String time = timePrefix(key, modified);
        List<String> found = listed().stream().filter(name -> name.startsWith(time) && isEntry(name)).toList();
        return found.size() == 1 && Files.isDirectory(cacheDir.resolve(found.get(0)))
                ? cacheDir.resolve(found.get(0)) : null;
    }

    /** How the names of the entries that {@link #onlyOfTime} looks among begin. */
    private static String timePrefix(String key, long modified) {
        return wholeSecond(modified) ? key + "-" + Math.floorDiv(modified, NANOS_PER_SECOND) + "."
                : name(key, modified);
    }

    /**
     * Removes from {@code cacheDir} the entries that {@code compiled} (entries just written there) take the place of:
     * the others of the same key and second, made for another stat or (before Retort recorded it) none, among which a
     * JRE would otherwise have to choose (see {@link #onlyOfTime}). The entries in {@code inUse} stay.
     */
    static void removeSuperseded(Path cacheDir, Collection<Path> compiled, Collection<Path> inUse) {
        Set<String> seconds = new HashSet<>();
        for (Path entry : compiled) {
            seconds.add(second(entry.getFileName().toString()));
        }
        List<Path> superseded = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cacheDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isEntry(name) && seconds.contains(second(name)) && !compiled.contains(entry)
                        && !inUse.contains(entry)) {
                    superseded.add(entry);
                }
            }
        } catch (IOException e) {
            return; // housekeeping: a JRE that finds two entries of a second compiles nothing and says so
        }
        superseded.forEach(JavaMigrationCompiler::deleteTree);
    }

    /** The key and second an entry's name begins with; empty for one without a time. */
    private static String second(String name) {
        return name.substring(0, name.indexOf('.') + 1);
    }

    /** Whether {@code entry} is named for a time without a fraction of a second, which an archive may have given. */
    static boolean forAWholeSecond(Path entry) {
        return entry.getFileName().toString().endsWith(".000000000");
    }

    private static boolean wholeSecond(long modified) {
        return Math.floorMod(modified, NANOS_PER_SECOND) == 0;
    }

    private List<String> listed() {
        if (listed == null) {
            listed = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(cacheDir)) {
                entries.forEach(entry -> listed.add(entry.getFileName().toString()));
            } catch (IOException e) {
                // No cache (yet): nothing is found, and the files are compiled.
            }
        }
        return listed;
    }
}
