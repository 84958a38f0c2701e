package dev.retort.jpa;

import dev.retort.internal.FileStat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code .java} files under the source roots and picks those that declare a JPA mapping.
 *
 * <p>The check is on the text, before anything is compiled: a file whose code (not its comments or string
 * literals) mentions {@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass} or {@code @Converter} (plain
 * or fully qualified) is a candidate. A false positive costs a compile, and a failed one when the file needs jars
 * the entities do not (a Spring service whose comment says {@code @Entity}); the class files are checked again for
 * the real annotation afterwards.
 *
 * <p>A {@code package-info.java} of an included package is a candidate too when its code annotates the package and
 * names {@code jakarta.persistence} or {@code org.hibernate.annotations}: what Hibernate reads on a package (a
 * {@code @GenericGenerator} its entities' {@code @GeneratedValue} names, a named query, a filter) shapes the schema,
 * and the application registers the package (Spring Boot: each scanned package with a {@code package-info} class).
 * One that carries no such annotation ({@code @NonNullApi}, or only a comment) is left out: Hibernate would read
 * nothing from it, and compiling it may need jars the entities do not.
 */
final class EntitySources {
    private static final Pattern MAPPING = Pattern.compile(
            "@(?:jakarta\\.persistence\\.)?(?:Entity|Embeddable|MappedSuperclass|Converter)\\b");
    /** Lombok's configuration file, read in a source's directory and those above it. */
    static final String LOMBOK_CONFIG = "lombok.config";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A package declaration, wherever it stands: a package's annotations may share its line. */
    private static final Pattern PACKAGE_ANYWHERE = Pattern.compile("\\bpackage\\s+[\\w.]+\\s*;");
    /** The packages of the annotations Hibernate reads on a package. */
    private static final Pattern PACKAGE_MAPPING =
            Pattern.compile("\\b(?:jakarta\\.persistence|org\\.hibernate\\.annotations)\\b");
    static final String PACKAGE_INFO = "package-info";

    private EntitySources() {
    }

    /**
     * Every {@code .java} file under the roots, and every {@code lombok.config} among them, in a stable order; a root
     * that does not exist holds none. Lombok reads the {@code lombok.config} of a source's directory and of each
     * directory above it ({@code lombok.accessors.fluent} changes the methods it generates), so they count for the
     * cache key as much as the sources do; {@link #select} never names one to javac.
     */
    static List<SourceFile> read(List<Path> roots) {
        List<SourceFile> files = new ArrayList<>();
        for (Path root : roots) {
            Path base = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(base)) {
                continue;
            }
            // The walk's own stat of each file gives its time, ctime and inode, which the cache key holds (see
            // CacheKey).
            Map<Path, FileStat> found = new TreeMap<>();
            Path walked;
            try {
                // A linked root (src/main/java linked to the application's sources) is walked where it leads; the
                // files keep their names under the root as given, which javac, given that root, reports them by.
                walked = base.toRealPath();
                find(walked, found, new HashSet<>(Set.of(walked)));
            } catch (IOException e) {
                throw new JpaModelException("Cannot read the entity sources in " + root + ": " + e.getMessage()
                        + "; check [models] sources in retort.toml.", e);
            }
            found.forEach((path, stat) -> files.add(new SourceFile(base,
                    walked.relativize(path).toString().replace('\\', '/'), bytes(path), stat)));
        }
        return files;
    }

    /**
     * Puts into {@code found} each file under {@code dir} that is read, or a link to one, with its stat: one stat an
     * entry, as {@link Files#find} makes (whose stat tells no ctime). A linked directory is walked where it leads, as
     * javac looks types up through it, unless it leads to one the walk is in ({@code inside}: a loop).
     */
    private static void find(Path dir, Map<Path, FileStat> found, Set<Path> inside) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                FileStat stat = statOrNull(entry, LinkOption.NOFOLLOW_LINKS);
                if (stat == null) {
                    continue; // gone since it was listed
                }
                FileStat target = stat.symbolicLink() ? statOrNull(entry) : stat; // a link to nothing is skipped
                if (target == null) {
                    continue;
                }
                if (target.directory()) {
                    Path real = stat.symbolicLink() ? entry.toRealPath() : null;
                    if (real == null || inside.add(real)) {
                        find(entry, found, inside);
                        if (real != null) {
                            inside.remove(real);
                        }
                    }
                } else if (target.regularFile() && read(entry.getFileName().toString())) {
                    found.put(entry, target);
                }
            }
        }
    }

    private static FileStat statOrNull(Path path, LinkOption... options) {
        try {
            return FileStat.of(path, options);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean read(String fileName) {
        return fileName.endsWith(".java") || fileName.equals(LOMBOK_CONFIG);
    }

    /** The files that declare a mapping and lie in one of the settings' packages, and the naming strategies named. */
    static List<SourceFile> select(List<SourceFile> files, JpaSettings settings) {
        return select(files, settings, List.of());
    }

    /**
     * As {@link #select(List, JpaSettings)}, with the classes a persistence unit names (its {@code <class>}es, its
     * naming strategies), in whatever package, and the {@code package-info} of a package a {@code <class>} names, as
     * Hibernate takes an entry that is no class for a package.
     */
    static List<SourceFile> select(List<SourceFile> files, JpaSettings settings, List<String> listed) {
        List<SourceFile> selected = new ArrayList<>();
        for (SourceFile file : files) {
            if (!file.relative().endsWith(".java")) {
                continue;
            }
            String text = code(file.text());
            String name = qualifiedName(file, text);
            // A naming strategy among the sources is compiled with the entities, which do not refer to it.
            boolean mapping = isPackageInfo(file) ? annotatesForHibernate(text) : MAPPING.matcher(text).find();
            boolean listedPackage = isPackageInfo(file)
                    && listed.contains(name.substring(0, Math.max(0, name.lastIndexOf('.'))));
            if (mapping && settings.includes(name) || listed.contains(name) || listedPackage
                    || settings.strategyClasses().contains(name)) {
                selected.add(file);
            }
        }
        return selected;
    }

    private static boolean isPackageInfo(SourceFile file) {
        return ("/" + file.relative()).endsWith("/" + PACKAGE_INFO + ".java");
    }

    /**
     * Whether a {@code package-info}'s code annotates the package with what Hibernate reads there: an annotation
     * before the package declaration, and a name of JPA's or Hibernate's annotations (imported or qualified).
     */
    private static boolean annotatesForHibernate(String code) {
        Matcher declared = PACKAGE_ANYWHERE.matcher(code);
        return declared.find() && code.substring(0, declared.start()).contains("@")
                && PACKAGE_MAPPING.matcher(code).find();
    }

    /** Java source with its comments, string and character literals and text blocks each made one space. */
    static String code(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = skipped(text, i);
            if (end == i) {
                code.append(text.charAt(i++));
            } else {
                code.append(' ');
                i = end;
            }
        }
        return code.toString();
    }

    /** Where the comment or literal that starts at {@code i} ends; {@code i} when none starts there. */
    private static int skipped(String text, int i) {
        if (text.startsWith("//", i)) {
            int end = text.indexOf('\n', i);
            return end < 0 ? text.length() : end;
        }
        if (text.startsWith("/*", i)) {
            int end = text.indexOf("*/", i + 2);
            return end < 0 ? text.length() : end + 2;
        }
        boolean block = text.startsWith("\"\"\"", i);
        char c = text.charAt(i);
        if (!block && c != '"' && c != '\'') {
            return i;
        }
        int j = i + (block ? 3 : 1);
        while (j < text.length()) {
            char d = text.charAt(j);
            if (d == '\\') {
                j += 2;
            } else if (block ? text.startsWith("\"\"\"", j) : d == c) {
                return j + (block ? 3 : 1);
            } else if (!block && d == '\n') {
                return j; // an unclosed literal: javac reports it
            } else {
                j++;
            }
        }
        return text.length();
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
