package dev.retort.jpa;

import dev.retort.internal.FileStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one entity cache entry's model was made from, so that an entry can serve sources that changed only where
 * javac never looked.
 *
 * <p>Any change to any source misses an entry's key ({@link CacheKey}), yet the model depends only on the settings
 * and class path (the key without the sources), on which files declare a mapping (those named to javac) and on the
 * sources javac read: an edited service class, or a checkout that changed only such files, would compile the same
 * classes and boot Hibernate for the same model. So an entry also records the key of its settings, a hash of the
 * names of all sources (a file added where javac looks a type up could change what a name means), a hash of the
 * names of the files named to javac, and each source javac read, or Lombok may read ({@code lombok.config}), with
 * its stat (time, ctime and inode: see {@link FileStat}) and a hash of its text. The stats keep the key's guarantee:
 * an entry counts only for the files as they were when it was written, never for a repository that committed one
 * nor for a copy that kept the files' times.
 *
 * @param settings the cache key of everything but the sources
 * @param tree     a hash of the names of every source
 * @param named    a hash of the names of the sources that declare a mapping
 * @param read     each source read, by name ({@code root|relative}), with its stat and a hash of its text
 */
record SourceReads(String settings, String tree, String named, Map<String, String> read) {
    private static final String HEADER = "retort-jpa-reads 2";

    /**
     * What a run is made from: the sources and those of them that declare a mapping; {@code javacRead} lists, as
     * absolute paths, what javac read. Empty when javac read a file that is not among the sources (nothing could
     * then tell when it changed).
     */
    static Optional<SourceReads> of(String settings, List<SourceFile> sources, List<SourceFile> named,
            Set<Path> javacRead) {
        Map<String, String> read = new LinkedHashMap<>();
        Map<Path, SourceFile> byPath = new LinkedHashMap<>();
        Map<Path, Path> realRoots = new HashMap<>();
        for (SourceFile source : sources) {
            if (name(source).contains("\t") || name(source).contains("\n")) {
                return Optional.empty(); // a name the file could not hold apart from the next
            }
            byPath.put(source.path(), source);
            // javac names what it finds through a linked root by where the link leads
            byPath.putIfAbsent(realRoots.computeIfAbsent(source.root(), SourceReads::real).resolve(source.relative()),
                    source);
            if (source.relative().endsWith(EntitySources.LOMBOK_CONFIG)) {
                read.put(name(source), stamp(source));
            }
        }
        for (Path path : javacRead) {
            SourceFile source = byPath.get(path);
            if (source == null) {
                return Optional.empty();
            }
            read.put(name(source), stamp(source));
        }
        return Optional.of(new SourceReads(settings, names(sources), names(named), read));
    }

    /** What a run is made from before javac reads anything: {@link #holdFor} compares an entry's with it. */
    static SourceReads before(String settings, List<SourceFile> sources, List<SourceFile> named) {
        return new SourceReads(settings, names(sources), names(named), Map.of());
    }

    /**
     * Whether a run made from {@code current} ({@link #before}) over {@code sources} would read what this entry's
     * run read.
     */
    boolean holdFor(SourceReads current, List<SourceFile> sources) {
        if (!settings.equals(current.settings) || !named.equals(current.named) || !tree.equals(current.tree)) {
            return false;
        }
        Map<String, SourceFile> byName = new LinkedHashMap<>();
        sources.forEach(source -> byName.put(name(source), source));
        return read.entrySet().stream().allMatch(entry -> {
            SourceFile source = byName.get(entry.getKey());
            return source != null && stamp(source).equals(entry.getValue());
        });
    }

    /** Reads an entry's file; empty when there is none or it is not whole. */
    static Optional<SourceReads> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a cache that cannot be read is a miss
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 5 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (int i = 4; i < lines.length - 1; i++) {
            int tab = lines[i].indexOf('\t');
            if (tab < 0) {
                return Optional.empty();
            }
            read.put(lines[i].substring(0, tab), lines[i].substring(tab + 1));
        }
        return Optional.of(new SourceReads(lines[1], lines[2], lines[3], read));
    }

    /** Writes the file whole or not at all ({@link ModelFile#writeWhole}). */
    void write(Path file) {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append(settings).append('\n').append(tree).append('\n').append(named).append('\n');
        read.forEach((name, stamp) -> text.append(name).append('\t').append(stamp).append('\n'));
        try {
            ModelFile.writeWhole(file, text.toString());
        } catch (IOException e) {
            // Without it the entry serves only its own key, as entries always did.
        }
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root; // gone since it was read: its files match by their names or not at all
        }
    }

    private static String name(SourceFile source) {
        return source.root() + "|" + source.relative();
    }

    private static String stamp(SourceFile source) {
        return source.stat().stamp() + " " + hash(source.content());
    }

    private static String names(List<SourceFile> sources) {
        StringBuilder all = new StringBuilder();
        sources.forEach(source -> all.append(source.root()).append('\0').append(source.relative()).append('\0'));
        return hash(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
