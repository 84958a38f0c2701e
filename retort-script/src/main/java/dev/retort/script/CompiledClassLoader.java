package dev.retort.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the compiled migrations from their cache directories, one directory per migration file.
 *
 * <p>A {@code URLClassLoader} over hundreds of directories looks for every class, the JDK's and the
 * migrations' own references included, in each directory in turn; this one lists the directories once and
 * finds each class file by name.
 */
final class CompiledClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Class and resource files by their name inside a directory: {@code com/example/Step.class}. */
    private final Map<String, Path> files = new HashMap<>();

    CompiledClassLoader(Collection<Path> directories, ClassLoader parent) {
        super("retort-migrations", parent);
        for (Path directory : directories) {
            try (Stream<Path> walk = Files.walk(directory)) {
                walk.filter(Files::isRegularFile).forEach(file -> files.putIfAbsent(
                        directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"), file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Path file = files.get(name.replace('.', '/') + ".class");
        if (file == null) {
            throw new ClassNotFoundException(name);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (" + file + ": " + e.getMessage() + ")", e);
        }
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
