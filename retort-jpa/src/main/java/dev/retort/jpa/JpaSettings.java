package dev.retort.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where to find JPA entities and how to name their tables: the {@code [models]} section of {@code retort.toml}.
 *
 * @param sources   source roots whose {@code .java} entities are compiled on the fly (may be empty)
 * @param classpath compiled classes (directories or jars), scanned for entities and used to compile the sources;
 *                  {@code dir/*} stands for the jars in {@code dir} ({@link #classpathEntries()})
 * @param packages  package names to look in, sub-packages included; empty means every package
 * @param naming    the naming rules
 * @param cacheDir  where compiled classes and generated DDL are cached between runs
 * @param physicalStrategy the class name of a {@code PhysicalNamingStrategy} in place of {@code naming}'s
 * @param implicitStrategy the class name of an {@code ImplicitNamingStrategy} in place of {@code naming}'s
 * @param namingGiven whether {@code retort.toml} sets {@code naming}; when not, a persistence unit's naming
 *                    properties, and Hibernate's defaults ({@link Naming#JPA}), take the place of {@code naming}'s
 * @param persistenceUnit the persistence unit of a {@code persistence.xml} to read, which is needed only when the
 *                    files define several
 * @param mappingFiles resources on the classpath that map the entities as {@code orm.xml} does (Spring's
 *                    {@code spring.jpa.mapping-resources})
 * @param properties Hibernate properties by name ({@code [models.properties]}), which override a persistence unit's
 *                    as Spring's {@code spring.jpa.properties.*} do; see {@link UnitSettings} for those left out
 */
public record JpaSettings(List<Path> sources, List<Path> classpath, List<String> packages, Naming naming, Path cacheDir,
        Optional<String> physicalStrategy, Optional<String> implicitStrategy, boolean namingGiven,
        Optional<String> persistenceUnit, List<String> mappingFiles, Map<String, String> properties) {
    /**
     * How Hibernate names the tables and columns the entities do not name (implicit names) and turns all names into
     * physical ones.
     */
    public enum Naming {
        /**
         * Spring Boot's defaults: camel case becomes lower-case snake case ({@code phoneNumber} →
         * {@code phone_number}), by Hibernate's {@code CamelCaseToUnderscoresNamingStrategy}, and a join table is
         * named after the owning table and the attribute ({@link SpringBootImplicitNaming}).
         */
        SNAKE_CASE,
        /**
         * Hibernate's defaults: names as written in the entities, by {@code PhysicalNamingStrategyStandardImpl}, and
         * JPA's implicit names, by {@code ImplicitNamingStrategyJpaCompliantImpl}.
         */
        JPA
    }

    public JpaSettings {
        sources = List.copyOf(sources);
        classpath = List.copyOf(classpath);
        packages = List.copyOf(packages);
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(physicalStrategy, "physicalStrategy");
        Objects.requireNonNull(implicitStrategy, "implicitStrategy");
        Objects.requireNonNull(persistenceUnit, "persistenceUnit");
        mappingFiles = List.copyOf(mappingFiles);
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** Settings without Hibernate properties of their own. */
    public JpaSettings(List<Path> sources, List<Path> classpath, List<String> packages, Naming naming, Path cacheDir,
            Optional<String> physicalStrategy, Optional<String> implicitStrategy, boolean namingGiven,
            Optional<String> persistenceUnit, List<String> mappingFiles) {
        this(sources, classpath, packages, naming, cacheDir, physicalStrategy, implicitStrategy, namingGiven,
                persistenceUnit, mappingFiles, Map.of());
    }

    /** Settings that set {@code naming} and its halves, without a persistence unit's name or mapping files. */
    public JpaSettings(List<Path> sources, List<Path> classpath, List<String> packages, Naming naming, Path cacheDir,
            Optional<String> physicalStrategy, Optional<String> implicitStrategy) {
        this(sources, classpath, packages, naming, cacheDir, physicalStrategy, implicitStrategy, true,
                Optional.empty(), List.of());
    }

    /** Settings that name by {@code naming} alone. */
    public JpaSettings(List<Path> sources, List<Path> classpath, List<String> packages, Naming naming, Path cacheDir) {
        this(sources, classpath, packages, naming, cacheDir, Optional.empty(), Optional.empty());
    }

    /**
     * The classpath with each {@code dir/*} replaced by the jars in {@code dir}, in the order of their names, as
     * {@code java -cp} reads it. An entry that is not there stops the command: with a persistence unit, which says
     * itself where its entities are, the classpath holds what they need (a converter's library, the Bean Validation
     * provider), and one left out would change the schema without a word.
     */
    List<Path> classpathEntries() {
        List<Path> entries = new ArrayList<>();
        for (Path entry : classpath) {
            if (entry.getFileName() != null && entry.getFileName().toString().equals("*")) {
                entries.addAll(jarsIn(entry));
            } else if (Files.exists(entry)) {
                entries.add(entry);
            } else {
                throw new JpaModelException("The classpath entry " + entry.toAbsolutePath() + " does not exist; fix "
                        + "[models] classpath in retort.toml or build the classes first.");
            }
        }
        return entries;
    }

    private static List<Path> jarsIn(Path wildcard) {
        Path dir = wildcard.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new JpaModelException("[models] classpath names " + wildcard + ", but " + dir + " is not a "
                    + "directory; build it first (for Maven, mvn dependency:copy-dependencies fills target/dependency), "
                    + "or fix [models] classpath in retort.toml.");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new JpaModelException("Cannot read " + dir + " of [models] classpath: " + e.getMessage() + ".", e);
        }
    }

    /** The naming strategies' class names that the settings give, which the model's classes must hold. */
    List<String> strategyClasses() {
        return Stream.of(physicalStrategy, implicitStrategy).flatMap(Optional::stream).toList();
    }

    /** Whether a class or source file of this fully qualified name lies in one of {@link #packages()}. */
    boolean includes(String qualifiedName) {
        if (packages.isEmpty()) {
            return true;
        }
        for (String p : packages) {
            if (qualifiedName.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }
}
