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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        this(parent);
        for (Path directory : directories) {
            take(directory, Contents.of(directory));
        }
    }

    private CompiledClassLoader(ClassLoader parent) {
        super("retort-migrations", parent);
    }

    /**
     * Loaders of {@code directories}, by directory, that keep each directory's classes its own: a class one of them
     * declares is never found in another. Directories whose files' names differ share a loader, which resolves
     * Retort's API and the JDK for all of them once (a loader for each of 300 directories made a run about 60 ms
     * slower); one that declares a class another already declares (a migration copied with its helper class) goes to
     * another loader. A migration cannot use another file's class: compiled alone, javac does not find it, and
     * compiled together, the compiler refuses it. An unreadable directory throws {@link UncheckedIOException}.
     */
    static Map<Path, CompiledClassLoader> apart(Collection<Path> directories, ClassLoader parent) {
        List<CompiledClassLoader> loaders = new ArrayList<>();
        Map<Path, CompiledClassLoader> byDirectory = new HashMap<>();
        for (Path directory : directories) {
            if (byDirectory.containsKey(directory)) {
                continue;
            }
            Contents contents = Contents.of(directory);
            CompiledClassLoader home = loaders.stream()
                    .filter(loader -> Collections.disjoint(loader.files.keySet(), contents.files().keySet()))
                    .findFirst().orElseGet(() -> {
                        CompiledClassLoader loader = new CompiledClassLoader(parent);
                        loaders.add(loader);
                        return loader;
                    });
            home.take(directory, contents);
            byDirectory.put(directory, home);
        }
        return byDirectory;
    }

    private void take(Path directory, Contents contents) {
        contents.files().forEach(files::putIfAbsent);
        contents.classes().forEach(classes::putIfAbsent);
        byDirectory.put(directory, List.copyOf(contents.classes().values()));
    }

    /** The files under a directory by their names inside it, and the class files' bytes, in name order. */
    private record Contents(Map<String, Path> files, Map<String, byte[]> classes) {
        static Contents of(Path directory) {
            Contents contents = new Contents(new HashMap<>(), new LinkedHashMap<>());
            try {
                contents.read(directory, "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return contents;
        }

        private void read(Path dir, String prefix) throws IOException {
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
                    read(entry, name + "/");
                } else {
                    files.put(name, entry);
                    if (name.endsWith(".class")) {
                        classes.put(name, Files.readAllBytes(entry));
                    }
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
