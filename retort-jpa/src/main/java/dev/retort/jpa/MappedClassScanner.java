package dev.retort.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;
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
 *
 * <p>A {@code package-info} class is found the same way, by the descriptors of JPA's and Hibernate's annotations
 * ({@link #packages}): the application registers its package with Hibernate, which reads generators, named queries
 * and filters there.
 */
final class MappedClassScanner {
    private static final List<String> DESCRIPTORS = List.of(
            "Ljakarta/persistence/Entity;",
            "Ljakarta/persistence/Embeddable;",
            "Ljakarta/persistence/MappedSuperclass;",
            "Ljakarta/persistence/Converter;");
    /** The annotations Hibernate reads on a package are JPA's or its own. */
    private static final List<String> PACKAGE_DESCRIPTORS =
            List.of("Ljakarta/persistence/", "Lorg/hibernate/annotations/");
    private static final String PACKAGE_INFO = "." + EntitySources.PACKAGE_INFO;

    private MappedClassScanner() {
    }

    /** The names of candidate classes in the entry whose name the filter accepts, in a stable order. */
    static List<String> scan(Path entry, Predicate<String> includes) {
        return scan(entry, includes, MappedClassScanner::isMapped);
    }

    /**
     * The names of the packages in the entry whose {@code package-info} class the filter accepts and that carry a JPA
     * or Hibernate annotation, in a stable order.
     */
    static List<String> packages(Path entry, Predicate<String> includes) {
        return scan(entry, includes, MappedClassScanner::isPackageMapped, MappedClassScanner::packageInfoName).stream()
                .map(name -> name.substring(0, name.length() - PACKAGE_INFO.length())).toList();
    }

    /** The names of the classes whose name the filter accepts that carry a {@code javax.persistence} mapping. */
    static List<String> scanJavax(Path entry, Predicate<String> includes) {
        return scan(entry, includes, JavaxPersistence::isMapped);
    }

    private static List<String> scan(Path entry, Predicate<String> includes, Predicate<byte[]> mapped) {
        return scan(entry, includes, mapped, MappedClassScanner::className);
    }

    /** The names ({@code named}: of a class file's path, null to skip it) the filter accepts of the files mapped. */
    private static List<String> scan(Path entry, Predicate<String> includes, Predicate<byte[]> mapped,
            Function<String, String> named) {
        try {
            if (Files.isDirectory(entry)) {
                return scanDirectory(entry, includes, mapped, named);
            }
            if (Files.isRegularFile(entry)) {
                return scanJar(entry, includes, mapped, named);
            }
        } catch (IOException e) {
            throw new JpaModelException("Cannot read " + entry + " to look for entities: " + e.getMessage()
                    + "; check [models] classpath in retort.toml.", e);
        }
        throw new JpaModelException("The classpath entry " + entry + " does not exist; "
                + "fix [models] classpath in retort.toml or build the classes first.");
    }

    private static List<String> scanDirectory(Path root, Predicate<String> includes, Predicate<byte[]> mapped,
            Function<String, String> named) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String name = named.apply(root.relativize(file).toString().replace('\\', '/'));
            if (name != null && includes.test(name) && mapped.test(Files.readAllBytes(file))) {
                found.add(name);
            }
        }
        return found;
    }

    private static List<String> scanJar(Path jar, Predicate<String> includes, Predicate<byte[]> mapped,
            Function<String, String> named) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.isDirectory() ? null : named.apply(entry.getName());
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

    /** The name of a {@code package-info} class file's class (not the default package's), or null. */
    private static String packageInfoName(String relativePath) {
        String suffix = "/" + EntitySources.PACKAGE_INFO + ".class";
        return relativePath.endsWith(suffix) && !relativePath.startsWith("META-INF/")
                ? relativePath.substring(0, relativePath.length() - ".class".length()).replace('/', '.') : null;
    }

    private static boolean isPackageMapped(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        return PACKAGE_DESCRIPTORS.stream().anyMatch(text::contains);
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
