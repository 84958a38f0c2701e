package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose table uses a type Retort does not model (a composite type, a domain) is refused with the column
 * and what to do, not with PostgreSQL's "type does not exist" from the second build of the schema; a type that
 * the dev database lacks is taken for an extension's.
 */
class UnmodelledTypesTest {
    @TempDir
    Path dir;

    private Cli project(String models) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\n" + models + "dev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        return cli;
    }

    @Test
    void anStructEmbeddableIsRefusedNamingItsColumn() {
        Cli cli = project("sources = [\"src/main/java\"]\n");
        cli.write("src/main/java/com/example/Point.java", """
                package com.example;

                @jakarta.persistence.Embeddable
                @org.hibernate.annotations.Struct(name = "geo_point")
                public class Point { private double lat; private double lon; }
                """);
        cli.write("src/main/java/com/example/Place.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                public class Place { @Id @GeneratedValue private Long id; private Point location; }
                """);

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "places");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("column place.location has type geo_point, a composite type (Hibernate writes "
                + "one for an @Struct embeddable)").contains("Map the embeddable without @Struct")
                .doesNotContain("does not exist");
        assertThat(cli.project.resolve("migrations/versions")).isEmptyDirectory();
    }

    @Test
    void aCollationOfTheSchemaFilesOwnIsRefusedNamingItsColumn() {
        Cli cli = project("schema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', "
                + "deterministic = false);\nCREATE TABLE members (id int PRIMARY KEY, email text COLLATE ci "
                + "UNIQUE);\n");

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "members");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("schema.sql: column members.email has collation ci, which the model creates; "
                + "Retort does not model collations of a model's own").doesNotContain("does not exist");
        assertThat(cli.project.resolve("migrations/versions")).isEmptyDirectory();
    }

    @Test
    void aCollationOfTheSchemaFilesOwnOnAnIndexKeyIsRefusedNamingTheIndex() {
        Cli cli = project("schema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', "
                + "deterministic = false);\nCREATE TABLE u (id int PRIMARY KEY, name text);\n"
                + "CREATE INDEX u_name_ci ON u (name COLLATE ci);\n");

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "u");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("schema.sql: index u_name_ci on u has collation ci on its key name, which the "
                + "model creates; Retort does not model collations of a model's own").doesNotContain("does not exist");
        assertThat(cli.project.resolve("migrations/versions")).isEmptyDirectory();
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err()).contains("index u_name_ci on u has collation ci");

        // An expression's collation is refused the same way: the migration would leave it out.
        cli.write("schema.sql", "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', "
                + "deterministic = false);\nCREATE TABLE u (id int PRIMARY KEY, name text);\n"
                + "CREATE INDEX u_lower_ci ON u (lower(name) COLLATE ci);\n");
        check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err()).contains("index u_lower_ci on u has collation ci on its key lower(name), which");

        // Inside a check, which is read back without the collation it names: the model is not at fault.
        cli.write("schema.sql", "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', "
                + "deterministic = false);\nCREATE TABLE u (id int PRIMARY KEY, name text, "
                + "CONSTRAINT u_name_ck CHECK ((name COLLATE ci) <> 'x'));\n");
        check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err()).contains("It is a collation which the model creates; Retort does not model "
                + "collations of a model's own").doesNotContain("Fix the model");
    }

    @Test
    void aDomainInASchemaFileIsRefusedNamingItsColumn() {
        Cli cli = project("schema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE SCHEMA shop;\nCREATE DOMAIN shop.positive AS integer CHECK (VALUE > 0);\n"
                + "CREATE TABLE shop.items (id integer PRIMARY KEY, counts shop.positive[]);\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("column shop.items.counts has type shop.positive, a domain")
                .contains("base type");
    }

    @Test
    void aTypeTheDevDatabaseLacksPointsAtTheExtensionNotAtTheModel() {
        Cli cli = project("schema_file = \"schema.sql\"\n");
        // PostGIS is not among the embedded server's extensions (citext, named like its type, would be created).
        cli.write("schema.sql", "CREATE TABLE places (id integer PRIMARY KEY, at geometry);\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("type \"geometry\" does not exist. If an extension provides the type, have the "
                + "model create it (CREATE EXTENSION in the schema file), or set dev_url in [models] to a database "
                + "where the extension is installed").doesNotContain("Fix the model");
    }
}
