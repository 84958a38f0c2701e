package dev.retort.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the classes in a directory or jar that carry a JPA mapping annotation, without loading any class.
 *
 * <p>A class annotated with {@code @Entity} holds the annotation's descriptor {@code Ljakarta/persistence/Entity;}
 * in its constant pool, so scanning the bytes of the class file finds every candidate. It may also find a class
 * that merely uses the type (a field of type {@code Entity}), which is why the caller checks the loaded class
 * again; loading only these few candidates keeps a scan of a large jar cheap and free of static initialisers.
 */
final class MappedClassScanner {
    private static final List<String> DESCRIPTORS = List.of(
            "Ljakarta/persistence/Entity;",
            "Ljakarta/persistence/Embeddable;",
            "Ljakarta/persistence/MappedSuperclass;",
            "Ljakarta/persistence/Converter;");

    private MappedClassScanner() {
    }

    /** The names of candidate classes in the entry whose name the filter accepts, in a stable order. */
    static List<String> scan(Path entry, Predicate<String> includes) {
        return scan(entry, includes, MappedClassScanner::isMapped);
    }

    /** The names of the classes whose name the filter accepts that carry a {@code javax.persistence} mapping. */
    static List<String> scanJavax(Path entry, Predicate<String> includes) {
        return scan(entry, includes, JavaxPersistence::isMapped);
    }

    private static List<String> scan(Path entry, Predicate<String> includes, Predicate<byte[]> mapped) {
        try {
            if (Files.isDirectory(entry)) {
                return scanDirectory(entry, includes, mapped);
            }
            if (Files.isRegularFile(entry)) {
                return scanJar(entry, includes, mapped);
            }
        } catch (IOException e) {
            throw new JpaModelException("Cannot read " + entry + " to look for entities: " + e.getMessage()
                    + "; check [models] classpath in retort.toml.", e);
        }
        throw new JpaModelException("The classpath entry " + entry + " does not exist; "
                + "fix [models] classpath in retort.toml or build the classes first.");
    }

    private static List<String> scanDirectory(Path root, Predicate<String> includes, Predicate<byte[]> mapped)
            throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String name = className(root.relativize(file).toString().replace('\\', '/'));
            if (name != null && includes.test(name) && mapped.test(Files.readAllBytes(file))) {
                found.add(name);
            }
        }
        return found;
    }

    private static List<String> scanJar(Path jar, Predicate<String> includes, Predicate<byte[]> mapped)
            throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.isDirectory() ? null : className(entry.getName());
                if (name == null || !includes.test(name)) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    if (mapped.test(in.readAllBytes())) {
                        found.add(name);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new JpaModelException("The classpath entry " + jar + " is neither a directory nor a jar; "
                    + "fix [models] classpath in retort.toml.", e);
        }
        found.sort(null);
        return found;
    }

    /** The binary class name of a class file path, or null for what is not a loadable class. */
    static String className(String relativePath) {
        if (!relativePath.endsWith(".class") || relativePath.startsWith("META-INF/")) {
            return null; // META-INF/versions/... are other releases of classes found at the top level
        }
        String name = relativePath.substring(0, relativePath.length() - ".class".length()).replace('/', '.');
        return name.endsWith("module-info") || name.endsWith("package-info") ? null : name;
    }

    static boolean isMapped(byte[] classFile) {
        // ISO-8859-1 maps each byte to one char, so the ASCII descriptors are found as they are in the file.
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        for (String descriptor : DESCRIPTORS) {
            if (text.contains(descriptor)) {
                return true;
            }
        }
        return false;
    }
}
