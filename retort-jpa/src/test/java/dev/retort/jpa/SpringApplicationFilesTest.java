package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot application sets Hibernate's schema-shaping properties in application.properties or .yml, which
 * Retort does not read: one that retort.toml does not match is told, since the migrations would build another schema.
 */
class SpringApplicationFilesTest {
    @TempDir
    Path dir;

    private List<String> warnings(Map<String, String> properties, Naming naming, Optional<String> physical) {
        JpaSettings settings = new JpaSettings(List.of(dir.resolve("src/main/java")), List.of(), List.of(), naming,
                dir.resolve("cache"), physical, Optional.empty(), true, Optional.empty(), List.of(), properties);
        return SpringApplicationFiles.warnings(settings, Optional.empty());
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void aSchemaShapingPropertyOfApplicationPropertiesThatRetortTomlLacksIsTold() throws IOException {
        Path file = write("src/main/resources/application.properties", """
                spring.datasource.url=jdbc:postgresql://db/app
                spring.datasource.password=StrongPassw0rd
                spring.jpa.properties.hibernate.default_schema=crm
                spring.jpa.properties.hibernate.format_sql=true
                spring.jpa.properties[hibernate.globally_quoted_identifiers]=true
                spring.jpa.properties.hibernate.id.db_structure_naming_strategy=${NAMING}
                """);

        List<String> warnings = warnings(Map.of("hibernate.globally_quoted_identifiers", "true"), Naming.SNAKE_CASE,
                Optional.empty());

        assertThat(warnings).containsExactly(file + " sets spring.jpa.properties.hibernate.default_schema = crm, "
                + "which [models.properties] in retort.toml does not set: Retort would map the entities otherwise "
                + "than the application does, and its migrations would not build the application's schema. Set "
                + "hibernate.default_schema = \"crm\" under [models.properties].");
        assertThat(String.join("\n", warnings)).doesNotContain("StrongPassw0rd");
        assertThat(warnings(Map.of("hibernate.default_schema", "crm", "hibernate.globally_quoted_identifiers",
                "true"), Naming.SNAKE_CASE, Optional.empty())).isEmpty();
        assertThat(warnings(Map.of("hibernate.default_schema", "sales", "hibernate.globally_quoted_identifiers",
                "true"), Naming.SNAKE_CASE, Optional.empty())).singleElement().asString()
                .contains("which [models.properties] in retort.toml sets to sales");
    }

    @Test
    void aNamingStrategyOfApplicationYmlThatRetortTomlDoesNotNameByIsTold() throws IOException {
        Path file = write("src/main/resources/config/application.yml", """
                # the application's settings
                spring:
                  datasource:
                    url: jdbc:postgresql://db/app   # a comment
                  jpa:
                    hibernate:
                      naming:
                        physical-strategy: org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl
                    properties:
                      "[hibernate.default_schema]": crm
                ---
                spring:
                  config:
                    activate:
                      on-profile: test
                  jpa:
                    properties:
                      hibernate.default_schema: test_schema
                """);

        List<String> warnings = warnings(Map.of("hibernate.default_schema", "crm"), Naming.SNAKE_CASE,
                Optional.empty());

        assertThat(warnings).containsExactly(file + " sets spring.jpa.hibernate.naming.physical-strategy = "
                + "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl, but retort.toml names the "
                + "tables and columns otherwise (naming = \"snake_case\"), so its migrations would not build the "
                + "application's schema. Set physical_naming_strategy = \"org.hibernate.boot.model.naming."
                + "PhysicalNamingStrategyStandardImpl\" in [models] of retort.toml.");
        assertThat(warnings(Map.of("hibernate.default_schema", "crm"), Naming.JPA, Optional.empty())).isEmpty();
    }

    @Test
    void springBootsOwnNamingIsRetortsSnakeCase() throws IOException {
        write("src/main/resources/application.yaml", """
                spring.jpa.hibernate.naming.physical-strategy: \
                org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy
                spring.jpa.hibernate.naming.implicit-strategy: \
                org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy
                """);

        assertThat(warnings(Map.of(), Naming.SNAKE_CASE, Optional.empty())).isEmpty();
    }
}
