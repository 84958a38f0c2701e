package dev.retort.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code .java} files under the source roots and picks those that declare a JPA mapping.
 *
 * <p>The check is on the text, before anything is compiled: a file that mentions {@code @Entity},
 * {@code @Embeddable}, {@code @MappedSuperclass} or {@code @Converter} (plain or fully qualified) is a
 * candidate. A false positive (say, the word in a comment) costs only a compile; the class files are
 * checked again for the real annotation afterwards.
 */
final class EntitySources {
    private static final Pattern MAPPING = Pattern.compile(
            "@(?:jakarta\\.persistence\\.)?(?:Entity|Embeddable|MappedSuperclass|Converter)\\b");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private EntitySources() {
    }

    /** Every {@code .java} file under the roots, in a stable order; a root that does not exist holds none. */
    static List<SourceFile> read(List<Path> roots) {
        List<SourceFile> files = new ArrayList<>();
        for (Path root : roots) {
            Path base = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(base)) {
                continue;
            }
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(base)) {
                paths = walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                        .sorted().toList();
            } catch (IOException e) {
                throw new JpaModelException("Cannot read the entity sources in " + root + ": " + e.getMessage()
                        + "; check [models] sources in retort.toml.", e);
            }
            for (Path path : paths) {
                files.add(new SourceFile(base, base.relativize(path).toString().replace('\\', '/'), bytes(path)));
            }
        }
        return files;
    }

    /** The files that declare a mapping and lie in one of the settings' packages, and the naming strategies named. */
    static List<SourceFile> select(List<SourceFile> files, JpaSettings settings) {
        List<SourceFile> selected = new ArrayList<>();
        for (SourceFile file : files) {
            String text = file.text();
            String name = qualifiedName(file, text);
            // A naming strategy among the sources is compiled with the entities, which do not refer to it.
            if (MAPPING.matcher(text).find() && settings.includes(name) || settings.strategyClasses().contains(name)) {
                selected.add(file);
            }
        }
        return selected;
    }

    /** The class name the file declares: its package declaration (or, without one, its directory) and file name. */
    static String qualifiedName(SourceFile file, String text) {
        String simple = file.relative().substring(file.relative().lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
        Matcher declared = PACKAGE.matcher(text);
        if (declared.find()) {
            return declared.group(1) + "." + simple;
        }
        int slash = file.relative().lastIndexOf('/');
        return slash < 0 ? simple : file.relative().substring(0, slash).replace('/', '.') + "." + simple;
    }

    private static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new JpaModelException("Cannot read the entity source " + path + ": " + e.getMessage() + ".", e);
        }
    }
}
