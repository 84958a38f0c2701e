package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities with Bean Validation constraints, and a Bean Validation provider on {@code [models] classpath}, as a
 * Spring Boot application with spring-boot-starter-validation has them: Hibernate turns the constraints into
 * columns (not null, lengths, checks, precision), and so does autogenerate. Without a provider, it does not.
 */
class BeanValidationAutogenerateTest {
    /** hibernate-validator, its API and dependencies, and an EL implementation, copied by the build. */
    private static final Path PROVIDER = Path.of("target/bean-validation").toAbsolutePath();
    private static final String CUSTOMER = """
            package com.example;

            import jakarta.persistence.*;
            import jakarta.validation.constraints.*;
            import java.math.BigDecimal;

            @Entity
            public class Customer {
                @Id @GeneratedValue Long id;
                @NotNull String name;
                @NotBlank @Size(max = 80) String email;
                @Size(min = 2, max = 30) String nick;
                @Min(0) @Max(150) Integer age;
                @Digits(integer = 8, fraction = 2) BigDecimal credit;
            }
            """;

    @TempDir
    Path dir;
    Cli cli;

    @AfterEach
    void discardTheProjectServer() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    private void project(String classpath) {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\nclasspath = [" + classpath + "]\n"
                + "packages = [\"com.example\"]\ndev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("src/main/java/com/example/Customer.java", CUSTOMER);
    }

    private static List<Path> providerJars() throws IOException {
        try (Stream<Path> jars = Files.list(PROVIDER)) {
            return jars.sorted().toList();
        }
    }

    @Test
    void theConstraintsShapeTheColumnsAsHibernateBuildsThem() throws IOException {
        project("\"" + PROVIDER + "/*\"");

        String migration = Files.readString(cli.autogenerate("create customer", "--sql-file"));

        assertThat(migration).contains("""
                CREATE TABLE customer (
                    age integer,
                    credit numeric(10,2),
                    id bigint NOT NULL,
                    nick character varying(30),
                    email character varying(80) NOT NULL,
                    name character varying(255) NOT NULL,
                    CONSTRAINT customer_pkey PRIMARY KEY (id),
                    CONSTRAINT customer_age_check CHECK (((age <= 150) AND (age >= 0)))
                );
                """);

        // The database the application built with the provider, adopted at that migration, has just these columns.
        ValidatingApplication.buildSchema(dir, providerJars(), cli.jdbcUrl);
        cli.ok("stamp", "head");
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No differences");
    }

    @Test
    void validationModeNoneTurnsItOff() throws IOException {
        project("\"" + PROVIDER + "/*\", \"src/main/resources\"");
        cli.write("src/main/resources/META-INF/persistence.xml", """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="shop">
                    <class>com.example.Customer</class>
                    <validation-mode>NONE</validation-mode>
                  </persistence-unit>
                </persistence>
                """);

        String migration = Files.readString(cli.autogenerate("create customer", "--sql-file"));

        assertThat(migration).contains("credit numeric(38,2)").contains("nick character varying(255)")
                .doesNotContain("CHECK").doesNotContain("character varying(255) NOT NULL");
    }

    @Test
    void validationModeNoneUnderModelsPropertiesTurnsItOffAsSpringsPropertyDoes() throws IOException {
        project("\"" + PROVIDER + "/*\"");
        cli.write("retort.toml", Files.readString(dir.resolve("retort.toml"))
                + "\n[models.properties]\n\"jakarta.persistence.validation.mode\" = \"NONE\"\n");

        String migration = Files.readString(cli.autogenerate("create customer", "--sql-file"));

        assertThat(cli.run("check").err()).doesNotContain("is ignored");
        assertThat(migration).contains("credit numeric(38,2)").contains("nick character varying(255)")
                .doesNotContain("CHECK").doesNotContain("character varying(255) NOT NULL");
    }

    @Test
    void validationModeDdlWithoutAProviderStopsAsTheApplicationDoes() {
        project("\"" + PROVIDER.resolve("jakarta.validation-api-3.0.2.jar") + "\", \"src/main/resources\"");
        cli.write("src/main/resources/META-INF/persistence.xml", """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="shop">
                    <class>com.example.Customer</class>
                    <validation-mode>DDL</validation-mode>
                  </persistence-unit>
                </persistence>
                """);

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "create customer");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("The validation mode is DDL").contains("add the provider's jars")
                .doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void withoutAProviderTheColumnsKeepTheirDefaults() throws IOException {
        // The Bean Validation API alone, without which the entities do not compile, is no provider.
        project("\"" + PROVIDER.resolve("jakarta.validation-api-3.0.2.jar") + "\"");

        String migration = Files.readString(cli.autogenerate("create customer", "--sql-file"));

        assertThat(migration).contains("""
                CREATE TABLE customer (
                    age integer,
                    credit numeric(38,2),
                    id bigint NOT NULL,
                    email character varying(255),
                    name character varying(255),
                    nick character varying(255),
                    CONSTRAINT customer_pkey PRIMARY KEY (id)
                );
                """);
    }
}
