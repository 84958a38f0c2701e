package dev.retort.autogenerate;

import dev.retort.RetortException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/** Finds {@link JpaEntities}: on a class path, or in a directory of jars loaded on demand. */
final class JpaEntitiesLocator {
    private JpaEntitiesLocator() {
    }

    /** The implementation {@code own} loads, or else the one in the jars of {@code directory}. */
    static JpaEntities find(ClassLoader own, Path directory) {
        Optional<JpaEntities> onClassPath = ServiceLoader.load(JpaEntities.class, own).findFirst();
        if (onClassPath.isPresent()) {
            return onClassPath.get();
        }
        // Left open for the rest of the process: Hibernate loads classes long after the model is read.
        URLClassLoader loader = new URLClassLoader("retort-jpa", jars(directory).toArray(new URL[0]), own);
        return ServiceLoader.load(JpaEntities.class, loader).findFirst()
                .orElseThrow(() -> missing(directory + " holds no retort-jpa jar"));
    }

    /** {@link JpaEntities#DIRECTORY} beside the jar (or class directory) {@code type} was loaded from. */
    static Path besideJarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolveSibling(JpaEntities.DIRECTORY);
        } catch (URISyntaxException | NullPointerException | IllegalArgumentException e) {
            throw missing("the location of Retort's jars is unknown (" + e + ")");
        }
    }

    private static List<URL> jars(Path directory) {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (file.getFileName().toString().endsWith(".jar")) {
                    jars.add(file.toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("A file path is always a valid URL: " + directory, e);
        } catch (IOException e) {
            throw missing(directory + " cannot be read (" + e + ")");
        }
        return jars;
    }

    private static RetortException missing(String why) {
        return new RetortException("Reading JPA entities needs retort-jpa and Hibernate ORM, but " + why
                + "; rebuild Retort (mvn package) or, where Retort is a library, add retort-jpa to the class path; "
                + "or set schema_file instead of sources in [models] of retort.toml.");
    }
}
