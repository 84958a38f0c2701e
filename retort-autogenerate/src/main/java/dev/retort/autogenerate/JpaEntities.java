package dev.retort.autogenerate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * JPA entities as a {@link ModelSource}: implemented by retort-jpa, which brings Hibernate ORM, and found through
 * {@link ServiceLoader}.
 *
 * <p>The command-line distribution keeps retort-jpa and Hibernate's jars out of its class path, in {@code jpa/} beside
 * Retort's own jars, and {@link #find()} loads them from there when a command reads entities. Every command pays for
 * each jar on the class path: the JDK's search for a logging back end, at the JDBC driver's start, opens them all,
 * and the two largest among Hibernate's, its own and Byte Buddy's, hold 13,000 entries (some 14 ms of every
 * {@code retort current}).
 */
public interface JpaEntities {
    /** The directory, beside the jar of this class, that holds retort-jpa and Hibernate in the distribution. */
    String DIRECTORY = "jpa";

    /**
     * The entities in {@code sources} (compiled on the fly) and {@code classpath}, in {@code packages} (every package
     * when empty), named by {@code naming}, cached under {@code cacheDir}.
     */
    default ModelSource source(List<Path> sources, List<Path> classpath, List<String> packages, JpaNaming naming,
            Path cacheDir) {
        return source(sources, classpath, packages, naming, Optional.empty(), List.of(), cacheDir);
    }

    /**
     * As above, with the persistence unit of the {@code persistence.xml} on {@code classpath} to read (needed only
     * when there are several) and the mapping files read besides {@code orm.xml} (Spring's
     * {@code spring.jpa.mapping-resources}).
     */
    default ModelSource source(List<Path> sources, List<Path> classpath, List<String> packages, JpaNaming naming,
            Optional<String> persistenceUnit, List<String> mappingFiles, Path cacheDir) {
        return source(sources, classpath, packages, naming, persistenceUnit, mappingFiles, Map.of(), cacheDir);
    }

    /**
     * As above, with Hibernate properties by name ({@code [models.properties]}), which Hibernate reads when it maps
     * the entities as it reads Spring's {@code spring.jpa.properties.*}, over those of the persistence unit.
     */
    ModelSource source(List<Path> sources, List<Path> classpath, List<String> packages, JpaNaming naming,
            Optional<String> persistenceUnit, List<String> mappingFiles, Map<String, String> properties,
            Path cacheDir);

    /** The implementation on the class path (tests, an application's build), or else in {@link #DIRECTORY}. */
    static JpaEntities find() {
        return JpaEntitiesLocator.find(JpaEntities.class.getClassLoader(),
                JpaEntitiesLocator.besideJarOf(JpaEntities.class));
    }
}
