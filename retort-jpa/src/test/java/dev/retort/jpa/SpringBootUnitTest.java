package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot application with a {@code persistence.xml} on {@code [models] classpath} and no {@code naming} in
 * {@code retort.toml}: the unit's naming (Hibernate's defaults) is used, not Spring Boot's, and a warning says so.
 */
class SpringBootUnitTest {
    private static final String UNIT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
            <persistence-unit name="shop"/>
            </persistence>
            """;
    private EntityProject project;
    private Path dir;
    private Path resources;

    @BeforeEach
    void setUp(@TempDir Path dir) throws IOException {
        this.dir = dir;
        project = new EntityProject(dir).entity("OrderLine", """
                @Entity public class OrderLine { @Id private Long id; private String skuCode; }
                """);
        resources = dir.resolve("src/main/resources");
        write("META-INF/persistence.xml", UNIT);
    }

    @Test
    void aSpringBootApplicationClassAmongTheSourcesIsWarnedOfOnEveryRun() {
        project.write("com/example/ShopApplication.java", """
                package com.example;

                import org.springframework.boot.autoconfigure.SpringBootApplication;

                @SpringBootApplication public class ShopApplication {
                }
                """);
        String warning = "Persistence unit shop (" + resources.resolve("META-INF/persistence.xml") + ") on [models] "
                + "classpath sets no hibernate.physical_naming_strategy, so Retort names the entities by Hibernate's "
                + "defaults (naming = \"jpa\": phoneNumber stays phoneNumber), as a plain JPA application does; but "
                + "this looks like a Spring Boot application (com/example/ShopApplication.java uses "
                + "org.springframework.boot), which reads no persistence.xml and names them in snake case "
                + "(phone_number). Set naming = \"snake_case\" in [models] of retort.toml for Spring Boot's names, or "
                + "naming = \"jpa\" to keep Hibernate's.";

        JpaModel model = load(settings(List.of(resources), false));

        assertThat(statement(model, "create table OrderLine (")).contains("skuCode varchar(255)");
        assertThat(model.warnings()).containsExactly(warning);
        // The cached model is warned of as well.
        assertThat(load(settings(List.of(resources), false)).warnings()).containsExactly(warning);
    }

    @Test
    void anApplicationPropertiesOrASpringBootJarOnTheClasspathShowsSpringBootToo() throws IOException {
        write("application.properties", "spring.datasource.url=jdbc:postgresql://db/shop\n");
        assertThat(load(settings(List.of(resources), false)).warnings()).singleElement().asString()
                .contains("(application.properties is in resources on [models] classpath)");

        Files.delete(resources.resolve("application.properties"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        emptyJar(lib.resolve("spring-boot-3.3.0.jar"));
        assertThat(load(settings(List.of(resources, lib.resolve("*")), false)).warnings()).singleElement().asString()
                .contains("(spring-boot-3.3.0.jar is on [models] classpath)");
    }

    @Test
    void namingInRetortTomlOrAUnitsOwnStrategyOrAPlainJpaApplicationIsNotWarnedOf() throws IOException {
        write("application.yml", "spring:\n  jpa:\n    open-in-view: false\n");
        assertThat(load(settings(List.of(resources), true)).warnings()).isEmpty();
        assertThat(load(new JpaSettings(List.of(project.sources), List.of(resources), List.of(), Naming.SNAKE_CASE,
                project.cache, Optional.of("org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"),
                Optional.empty(), false, Optional.empty(), List.of())).warnings()).isEmpty();

        write("META-INF/persistence.xml", UNIT.replace("<persistence-unit name=\"shop\"/>", """
                <persistence-unit name="shop"><properties>
                  <property name="hibernate.physical_naming_strategy"
                            value="org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl"/>
                </properties></persistence-unit>
                """));
        assertThat(load(settings(List.of(resources), false)).warnings()).isEmpty();

        write("META-INF/persistence.xml", UNIT);
        Files.delete(resources.resolve("application.yml"));
        assertThat(load(settings(List.of(resources), false)).warnings()).isEmpty();
    }

    private JpaSettings settings(List<Path> classpath, boolean namingGiven) {
        return new JpaSettings(List.of(project.sources), classpath, List.of(), namingGiven ? Naming.JPA
                : Naming.SNAKE_CASE, project.cache, Optional.empty(), Optional.empty(), namingGiven, Optional.empty(),
                List.of());
    }

    private static JpaModel load(JpaSettings settings) {
        return new JpaModelSource(settings).load();
    }

    private void write(String relative, String text) throws IOException {
        Path file = resources.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void emptyJar(Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out,
                new Manifest())) {
            // A jar with nothing in it but its manifest.
        }
    }
}
