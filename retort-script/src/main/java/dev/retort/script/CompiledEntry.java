package dev.retort.script;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Names and finds a Java migration's entry in the compile cache: its {@link CompileKey} (the text and the compiler)
 * and the time the file was last modified when its classes were compiled, as Python's compiled modules record their
 * source's time.
 *
 * <p>An entry is used only for the file as last modified when it was written. A clone gives every file the time of
 * its checkout, so classes committed under {@code .retort/cache/java} by a hostile repository, under the key of an
 * innocent-looking file, are never loaded: the file is compiled again. A container image keeps the files' times, so
 * the classes its build stage compiled are used where no compiler is; its tar layers may keep only whole seconds,
 * so a file whose time has no fraction of a second finds the entry of the same second (as containerd compares the
 * times of files that went through a tar). The time is part of the entry's name, so finding it costs the one stat
 * that finding the entry always did.
 *
 * <p>A time without a fraction of a second is also what an archive gives: {@code git archive} (a release tarball, a
 * downloaded zip) stamps every file with the commit's time, which whoever commits chooses, so an entry named for it
 * may have come with the files. Where a compiler is, such a file is compiled again and its classes take the entry's
 * place (an image's build stage so replaces whatever came with the project); only without one (a JRE image) is the
 * entry of that second used, being all there is.
 */
final class CompiledEntry {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Path cacheDir;
    /** Whether this Java can compile; asked only of a file whose time has no fraction of a second. */
    private final BooleanSupplier canCompile;
    /** Its answer, asked once: the JDK looks its compiler up as a service at every call. */
    private Boolean compiles;
    /** The names in the cache, listed once, when a file whose time was cut to the second looks for its entry. */
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

    /** Whether {@code name} is an entry's name, with or without (before Retort recorded it) a file's time. */
    static boolean isEntry(String name) {
        return name.matches("[0-9a-f]{32}(-[-0-9]+\\.[0-9]{9})?");
    }

    /**
     * The cached entry of the classes of {@code key} for the file last modified at {@code modified} (nanoseconds since
     * the epoch), or null when there is none.
     */
    Path find(String key, long modified) {
        if (wholeSecond(modified) && compiles()) {
            return null;
        }
        Path exact = cacheDir.resolve(name(key, modified));
        if (Files.isDirectory(exact)) {
            return exact;
        }
        if (!wholeSecond(modified)) {
            return null;
        }
        // Cut to the second: the entry of that second, if it is the only one (one build stage wrote it).
        String second = key + "-" + Math.floorDiv(modified, NANOS_PER_SECOND) + ".";
        List<String> found = listed().stream().filter(name -> name.startsWith(second) && isEntry(name)).toList();
        return found.size() == 1 && Files.isDirectory(cacheDir.resolve(found.get(0)))
                ? cacheDir.resolve(found.get(0)) : null;
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
