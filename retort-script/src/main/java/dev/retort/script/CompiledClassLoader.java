package dev.retort.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the compiled migrations from their cache directories, one directory per migration file.
 *
 * <p>A {@code URLClassLoader} over hundreds of directories looks for every class, the JDK's and the
 * migrations' own references included, in each directory in turn; this one reads the directories once,
 * keeping each class file's bytes (a few kilobytes a migration), which also serve the check for exit calls.
 */
final class CompiledClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Class and resource files by their name inside a directory ({@code com/example/Step.class}). */
    private final Map<String, Path> files = new HashMap<>();
    /** The bytes of each class file, by the same name. */
    private final Map<String, byte[]> classes = new HashMap<>();
    /** The class files' bytes of each directory. */
    private final Map<Path, List<byte[]>> byDirectory = new HashMap<>();

    /** Reads every directory; an unreadable one throws {@link UncheckedIOException}. */
    CompiledClassLoader(Collection<Path> directories, ClassLoader parent) {
        super("retort-migrations", parent);
        for (Path directory : directories) {
            List<byte[]> read = new ArrayList<>();
            try {
                readTree(directory, "", read);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byDirectory.put(directory, read);
        }
    }

    /** Reads the files under {@code dir}, named from the directory given to the constructor, in name order. */
    private void readTree(Path dir, String prefix, List<byte[]> read) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        for (Path entry : entries) {
            String name = prefix + entry.getFileName();
            // The compiler writes class files and the directories of their packages: a stat for each class file
            // would only confirm it is one.
            if (!name.endsWith(".class") && Files.isDirectory(entry)) {
                readTree(entry, name + "/", read);
            } else {
                files.putIfAbsent(name, entry);
                if (name.endsWith(".class")) {
                    byte[] bytes = Files.readAllBytes(entry);
                    classes.putIfAbsent(name, bytes);
                    read.add(bytes);
                }
            }
        }
    }

    /** The class files read from {@code directory}, one of those given to the constructor. */
    List<byte[]> classFiles(Path directory) {
        return byDirectory.getOrDefault(directory, List.of());
    }

    /**
     * A class compiled from a migration is defined here without asking the parent first: the parent would look for
     * it in every jar of Retort's class path (about 30 microseconds a class when it held 44 jars) only to not find it.
     * Retort's own names still come from the parent, so that a migration that declares one (its own
     * {@code dev.retort.Migration}, say) cannot stand in for Retort's API.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("dev.retort.") || !classes.containsKey(name.replace('.', '/') + ".class")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = findClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name.replace('.', '/') + ".class");
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected URL findResource(String name) {
        Path file = files.get(name);
        try {
            return file == null ? null : file.toUri().toURL();
        } catch (MalformedURLException e) {
            return null;
        }
    }
}
