package dev.retort.jpa;

import dev.retort.internal.FileStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Names the cache entry for one state of the entities: a SHA-256 over everything the generated DDL depends on.
 *
 * <p>That is every {@code .java} file under the source roots (path and content: a changed referenced enum
 * changes the DDL too, so not only the entity files count, and each one's stat), the settings, this cache format's
 * version, the Java version and the Hibernate version. Classpath entries count by path and the stat of each jar and
 * class file: hashing the contents of every dependency jar would make the fast path slow.
 *
 * <p>A file's stat is its size, its time to the nanosecond, and where the file system has Unix attributes its
 * status-change time (ctime) and inode ({@link FileStat}). Every write sets the ctime and no tool can set it back, so
 * an entry counts only for the files as they were when it was written: classes, DDL and hints a hostile project
 * brought under {@code .retort/cache/entities}, named for its own sources and its clone's likely path, are never
 * loaded, whether it came by clone (which gives every file the time of its checkout) or by a copy that keeps times
 * ({@code tar x} of a pax archive, {@code cp -a}, {@code rsync -a}); and a jar rebuilt to its old size and time, or
 * a link retargeted to another jar of the same time, is a change. Where there is no ctime (Windows), the time alone
 * counts, as a copy keeping times keeps it.
 */
final class CacheKey {
    /**
     * Changes whenever an older cache entry must not be reused: the model file format changed, or what the
     * hints hold (3: the collection tables of a renamed entity or collection; 4: the sequences of id generators;
     * 5: the owners of indexes and sequences; 6: the fields of an element collection's embeddable; 7: a collection
     * renamed with its entity; 8: the owners of schemas; 9: the owners of unique constraints; 10: a collection
     * renamed in a table {@code @CollectionTable} names; 11: warnings name an embeddable's field by its path; 12: a
     * mapping the application's session factory refuses is refused, and was cached by 11; 13: the id sequences of
     * the tables of {@code TABLE_PER_CLASS} subclasses; 14: join tables named as Spring Boot names them under
     * {@code snake_case}; 15: columns and keys in the order of Hibernate's column ordering strategy; 16: the names
     * Hibernate gives unnamed unique constraints when it names them itself; 17: the {@code META-INF/orm.xml} on the
     * classpath maps the entities too; 18: Hibernate 5's name of a natural id's unique constraint, and the persistence
     * unit of a {@code persistence.xml} decides the entities, their mapping files and their settings; 19: Bean
     * Validation constraints shape the columns when a provider is on the class path; 20: the sources' times; 22: the
     * ctimes and inodes of sources and classpath files; 23: javac reads a type's source over its class file on the
     * classpath, so an entry's record of what javac read names the source; 24: a package's {@code package-info}
     * that carries JPA or Hibernate annotations is compiled and registered, so its generators serve).
     */
    static final String VERSION = "retort-jpa-24";

    private CacheKey() {
    }

    static String of(JpaSettings settings, List<SourceFile> sources, String hibernateVersion) {
        return of(settings, sources, Optional.empty(), hibernateVersion);
    }

    /**
     * The key, with the persistence unit read: its file is among the classpath's files already, but the jars its
     * {@code <jar-file>} names may be outside it.
     */
    static String of(JpaSettings settings, List<SourceFile> sources, Optional<PersistenceUnit> unit,
            String hibernateVersion) {
        MessageDigest digest = sha256();
        field(digest, VERSION);
        field(digest, "java-" + Runtime.version().feature());
        field(digest, "hibernate-" + hibernateVersion);
        field(digest, "postgresql-" + HibernateSchema.POSTGRES_MAJOR);
        field(digest, "naming-" + settings.naming());
        field(digest, "physical-" + settings.physicalStrategy().orElse(""));
        field(digest, "implicit-" + settings.implicitStrategy().orElse(""));
        field(digest, "packages-" + String.join(",", settings.packages()));
        field(digest, "naming-given-" + settings.namingGiven());
        field(digest, "persistence-unit-" + settings.persistenceUnit().orElse(""));
        field(digest, "mapping-files-" + String.join(",", settings.mappingFiles()));
        // Each name and value, sorted (the settings keep them so), including those left out: cheaper than deciding.
        settings.properties().forEach((name, value) -> field(digest, "property-" + name + "=" + value));
        if (unit.isPresent()) {
            field(digest, "unit-" + unit.get().name() + "|" + unit.get().root());
            for (Path jar : unit.get().jarFiles()) {
                classpathEntry(digest, jar);
            }
        }
        for (Path root : settings.sources()) {
            Path base = root.toAbsolutePath().normalize();
            field(digest, "source-root-" + base);
            // Lombok reads every lombok.config from a source's directory up to the file system's root: those inside
            // the root are among the sources; those above it are hashed here.
            for (Path dir = base.getParent(); dir != null; dir = dir.getParent()) {
                Path config = dir.resolve(EntitySources.LOMBOK_CONFIG);
                if (Files.isRegularFile(config)) {
                    field(digest, "lombok-config-" + config + "|" + stat(config).stamp());
                    digest.update(bytes(config));
                    digest.update((byte) 0);
                }
            }
        }
        for (SourceFile file : sources) {
            field(digest, "source-" + file.root() + "|" + file.relative() + "|" + file.stat().stamp());
            digest.update(file.content());
            digest.update((byte) 0);
        }
        for (Path entry : settings.classpathEntries()) {
            classpathEntry(digest, entry.toAbsolutePath().normalize());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static void classpathEntry(MessageDigest digest, Path entry) {
        field(digest, "classpath-" + entry);
        if (Files.isRegularFile(entry)) {
            stamp(digest, entry, entry);
            return;
        }
        if (!Files.isDirectory(entry)) {
            field(digest, "missing");
            return;
        }
        try (Stream<Path> walk = Files.walk(entry)) {
            walk.filter(Files::isRegularFile).sorted().forEach(file -> stamp(digest, entry, file));
        } catch (IOException e) {
            throw new JpaModelException("Cannot read the classpath entry " + entry + ": " + e.getMessage()
                    + "; check [models] classpath in retort.toml.", e);
        }
    }

    private static void stamp(MessageDigest digest, Path base, Path file) {
        try {
            FileStat stat = FileStat.of(file);
            field(digest, base.relativize(file) + "|" + stat.size() + "|" + stat.stamp());
        } catch (IOException e) {
            throw new JpaModelException("Cannot read " + file + " on the [models] classpath: " + e.getMessage() + ".", e);
        }
    }

    private static FileStat stat(Path file) {
        try {
            return FileStat.of(file);
        } catch (IOException e) {
            throw new JpaModelException("Cannot read " + file + ", which Lombok reads when it compiles the entities: "
                    + e.getMessage() + ".", e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new JpaModelException("Cannot read " + file + ", which Lombok reads when it compiles the entities: "
                    + e.getMessage() + ".", e);
        }
    }

    private static void field(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
