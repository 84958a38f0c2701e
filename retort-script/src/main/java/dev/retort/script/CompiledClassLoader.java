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
            if (Files.isDirectory(entry)) {
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
