package dev.retort.script;

import dev.retort.internal.FileStat;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The jars and class directories Java migrations are compiled against and run with besides Retort's API and the
 * JDK ({@code migration_classpath} in {@code retort.toml}): the application's own code, or a library. An entry
 * {@code dir/*} stands for the jars in {@code dir}, as it does for {@code java -cp}.
 */
public final class MigrationClasspath {
    /** No entries: migrations see Retort's API and the JDK alone. */
    public static final MigrationClasspath NONE = new MigrationClasspath(List.of(), "migration_classpath");

    private final List<Path> configured;
    private final String key;
    private List<Path> entries;

    private MigrationClasspath(List<Path> configured, String key) {
        this.configured = List.copyOf(configured);
        this.key = key;
    }

    /** The given entries, absolute; {@code key} names their setting in messages. */
    public static MigrationClasspath of(List<Path> configured, String key) {
        return new MigrationClasspath(configured, key);
    }

    /**
     * The entries with each {@code dir/*} expanded, read when a Java migration is loaded (a run of SQL migrations
     * needs none). One that is not there stops the command: a migration compiled without it fails less clearly.
     */
    private synchronized List<Path> entries() {
        if (entries == null) {
            entries = expanded();
        }
        return entries;
    }

    private List<Path> expanded() {
        List<Path> entries = new ArrayList<>();
        for (Path entry : configured) {
            if (entry.getFileName() != null && entry.getFileName().toString().equals("*")) {
                entries.addAll(jarsIn(entry.getParent(), key));
            } else if (Files.exists(entry)) {
                entries.add(entry);
            } else {
                throw new ScriptException(key + " names " + entry + ", which does not exist; build it first (Java "
                        + "migrations are compiled against it), or remove it from " + key + ".");
            }
        }
        return List.copyOf(entries);
    }

    private static List<Path> jarsIn(Path dir, String key) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ScriptException(key + " names " + dir + File.separator + "*, but " + dir + " is not a "
                    + "directory; build it first, or remove it from " + key + ".");
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new ScriptException("Cannot read " + dir + " of " + key + ": " + e.getMessage() + ".", e);
        }
        jars.sort(null);
        return jars;
    }

    public boolean isEmpty() {
        return configured.isEmpty();
    }

    /** The entries as a {@code -classpath} value. */
    String asPath() {
        return entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** How to name the setting in a message. */
    String key() {
        return key;
    }

    /**
     * Tells apart the classes compiled against these entries as they are now: the paths, and the size, time, ctime
     * and inode of each file in them (a rebuilt jar, a changed class, one put in another's place). A migration that
     * inlined a constant of the application is compiled again when the application changes. Empty for no entries,
     * so that the key of a project without them stays the file's own.
     */
    String fingerprint() {
        if (isEmpty()) {
            return "";
        }
        MessageDigest digest = Sha256.newDigest();
        for (Path entry : entries()) {
            digest.update(entry.toString().getBytes(StandardCharsets.UTF_8));
            try {
                for (Path file : files(entry)) {
                    FileStat stat = FileStat.of(file);
                    digest.update((file + "|" + stat.size() + "|" + stat.stamp()).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | UncheckedIOException e) {
                throw new ScriptException("Cannot read " + entry + " of " + key + ": " + e.getMessage() + ".", e);
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /**
     * The regular files under {@code entry}, in order. Through links, as the class loader reads them: a build's output
     * is often reached through one. A link back to a directory above it (a loop) is passed over, as the class loader
     * never walks a directory; following it would never end.
     */
    private static List<Path> files(Path entry) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(entry, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            files.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
        files.sort(null);
        return files;
    }

    /** A class loader over the entries, below {@code parent}; {@code parent} itself when there are none. */
    ClassLoader loader(ClassLoader parent) {
        if (isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries()) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ScriptException(key + " names " + entry + ", which is not a usable path.", e);
            }
        }
        return new URLClassLoader("retort-migration-classpath", urls.toArray(URL[]::new), parent);
    }
}
