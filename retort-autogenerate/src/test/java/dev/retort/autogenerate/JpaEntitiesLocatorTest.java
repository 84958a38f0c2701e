package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a command finds the JPA model source: this module's tests have no retort-jpa on their class path, as the
 * distribution's class path has none, so the locator must go to the directory.
 */
class JpaEntitiesLocatorTest {
    @TempDir
    Path dir;

    /** What a jar of the directory provides; on the tests' class path, but registered only in that jar. */
    public static final class Provider implements JpaEntities {
        @Override
        public ModelSource source(List<Path> sources, List<Path> classpath, List<String> packages, JpaNaming naming,
                java.util.Optional<String> persistenceUnit, List<String> mappingFiles,
                java.util.Map<String, String> properties, Path cacheDir) {
            return () -> new ModelDdl("CREATE TABLE " + naming.rule() + " ()", "test", java.util.Map.of(), java.util.Map.of(),
                    List.of());
        }
    }

    @Test
    void findsTheImplementationRegisteredInAJarOfTheDirectory() throws IOException {
        Path jpa = Files.createDirectories(dir.resolve("jpa"));
        try (OutputStream file = Files.newOutputStream(jpa.resolve("retort-jpa.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + JpaEntities.class.getName()));
            jar.write((Provider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(jpa.resolve("README"), "not a jar");

        JpaEntities found = JpaEntitiesLocator.find(getClass().getClassLoader(), jpa);

        assertThat(found).isInstanceOf(Provider.class);
        assertThat(found.source(List.of(), List.of(), List.of(), JpaNaming.of("jpa"), dir).load().ddl())
                .isEqualTo("CREATE TABLE jpa ()");
    }

    @Test
    void aDirectoryWithoutItSaysToRebuildOrToUseASchemaFile() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("jpa"));

        assertThatThrownBy(() -> JpaEntitiesLocator.find(getClass().getClassLoader(), empty))
                .isInstanceOf(RetortException.class)
                .hasMessage("Reading JPA entities needs retort-jpa and Hibernate ORM, but " + empty
                        + " holds no retort-jpa jar; rebuild Retort (mvn package) or, where Retort is a library, add"
                        + " retort-jpa to the class path; or set schema_file instead of sources in [models] of"
                        + " retort.toml.");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> JpaEntitiesLocator.find(getClass().getClassLoader(), missing))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Reading JPA entities needs retort-jpa and Hibernate ORM, but " + missing
                        + " cannot be read (java.nio.file.NoSuchFileException: ");
    }

    @Test
    void theDirectoryIsBesideTheJarOfTheClass() {
        Path classes = JpaEntitiesLocator.besideJarOf(JpaEntitiesLocatorTest.class).getParent();

        assertThat(JpaEntitiesLocator.besideJarOf(JpaEntitiesLocatorTest.class)).isEqualTo(classes.resolve("jpa"));
        assertThat(classes.resolve("test-classes")).isDirectory();
    }
}
