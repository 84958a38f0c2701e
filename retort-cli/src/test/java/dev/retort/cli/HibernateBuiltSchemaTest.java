package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A database whose schema Hibernate built itself, as an application does at start with {@code ddl-auto}, matches
 * the entities: {@code check} finds no differences. Hibernate's create script leaves the unique constraints the
 * entities do not name unnamed ({@code shops_email_address_key}), its update names them {@code UK} and a hash, and
 * Hibernate 5 named a unique column {@code UK_} and the same hash; all of them are the same constraint. A name the
 * entities give, and a name nobody but a person gave, are still compared.
 */
class HibernateBuiltSchemaTest {
    private static final String ENTITIES = "src/main/java/com/example/";
    private static final String SHOP = """
            package com.example;

            import jakarta.persistence.*;

            @Entity @Table(name = "shops", uniqueConstraints = {
                    @UniqueConstraint(columnNames = {"city", "postCode"}),
                    @UniqueConstraint(name = "uk_shop_code", columnNames = "shopCode")})
            public class Shop {
                @Id Long id;
                @Column(unique = true) String emailAddress;
                String city;
                String postCode;
                String shopCode;
                @OneToOne Manager manager;
                @ManyToOne Manager deputy;
            }
            """;

    @TempDir
    Path dir;
    Cli cli;

    @AfterEach
    void discardTheProjectServer() {
        // Autogenerate's dev database is given, but a project that names none would start its own.
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    private void project(String naming) {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\nnaming = \"" + naming + "\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write(ENTITIES + "Shop.java", SHOP);
        cli.write(ENTITIES + "Manager.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @Table(name = "managers")
                public class Manager {
                    @Id Long id;
                    @org.hibernate.annotations.NaturalId String badge;
                    @Column(unique = true) String login;
                    @OneToOne(mappedBy = "manager") Shop shop;
                }
                """);
    }

    /** The names of the unique constraints of the database's tables. */
    private List<String> uniqueConstraints() {
        return cli.column("SELECT conname FROM pg_constraint WHERE contype = 'u' AND connamespace = "
                + "'public'::regnamespace ORDER BY 1");
    }

    private void assertNoDifferences() {
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No differences");
        Cli.Result none = cli.run("revision", "--autogenerate", "-m", "nothing");
        assertThat(none.err()).as(none.toString()).contains("No changes detected");
    }

    @ParameterizedTest(name = "ddl-auto={0}, naming={1}")
    @CsvSource({"create, snake_case", "update, snake_case", "create, jpa", "update, jpa"})
    void aSchemaHibernateBuiltHasNoDifferences(String ddlAuto, String naming) {
        project(naming);
        new HibernateApplication(dir).buildSchema(cli.jdbcUrl, ddlAuto, naming.equals("snake_case"));
        // What each mode names the constraints the entities leave unnamed (all but uk_shop_code).
        if (ddlAuto.equals("update")) {
            assertThat(uniqueConstraints()).hasSize(6).allMatch(name -> name.matches("uk[0-9a-z]{20,}|uk_shop_code"));
        } else if (naming.equals("snake_case")) {
            assertThat(uniqueConstraints()).containsExactly("managers_badge_key", "managers_login_key",
                    "shops_city_post_code_key", "shops_email_address_key", "shops_manager_id_key", "uk_shop_code");
        }

        assertNoDifferences();
    }

    @Test
    void theNamesHibernate5GaveUniqueColumnsAndNaturalIdsHaveNoDifferences() {
        project("snake_case");
        new HibernateApplication(dir).buildSchema(cli.jdbcUrl, "update", true);
        // Hibernate 5 named a unique column by Constraint.generateName("UK_", table, column): Hibernate 6's hash of
        // the same names, after "UK_" instead of "UK". Hibernate 5 is not at hand, so its names are made here.
        for (String column : List.of("shops.email_address", "shops.manager_id", "managers.login")) {
            String table = column.substring(0, column.indexOf('.'));
            String name = cli.column("SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = "
                    + "c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'u' AND c.conrelid = '" + table
                    + "'::regclass AND a.attname = '" + column.substring(table.length() + 1) + "'").get(0);
            cli.execute("ALTER TABLE " + table + " RENAME CONSTRAINT " + name + " TO uk_" + name.substring(2));
        }
        // And the natural id "UK_" + Constraint.hashedName(table + "_NaturalID"): the MD5 of "managers_NaturalID".
        String naturalId = cli.column("SELECT conname FROM pg_constraint WHERE conrelid = 'managers'::regclass AND "
                + "pg_get_constraintdef(oid) = 'UNIQUE (badge)'").get(0);
        cli.execute("ALTER TABLE managers RENAME CONSTRAINT " + naturalId + " TO uk_49qacjeqslc5stlc5pdv7xmbs");
        assertThat(uniqueConstraints()).filteredOn(name -> name.startsWith("uk_")).hasSize(5);

        assertNoDifferences();
    }

    @Test
    void aNameTheEntitiesGiveAnUnnamedConstraintIsARename() {
        project("snake_case");
        // The application ran when the constraint had no name: Hibernate named it.
        cli.write(ENTITIES + "Shop.java", SHOP.replace("name = \"uk_shop_code\", ", ""));
        new HibernateApplication(dir).buildSchema(cli.jdbcUrl, "update", true);
        String hibernates = cli.column("SELECT conname FROM pg_constraint WHERE conrelid = 'shops'::regclass AND "
                + "pg_get_constraintdef(oid) = 'UNIQUE (shop_code)'").get(0);
        assertThat(hibernates).matches("uk[0-9a-z]{20,}");
        cli.write(ENTITIES + "Shop.java", SHOP);

        Cli.Result check = cli.run("check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("The models and the database differ (1 change needed)")
                .contains("rename constraint " + hibernates + " on shops to uk_shop_code");
    }

    @Test
    void aNameThatIsNotHibernatesIsARename() {
        project("snake_case");
        new HibernateApplication(dir).buildSchema(cli.jdbcUrl, "create", true);
        cli.execute("ALTER TABLE shops RENAME CONSTRAINT shops_email_address_key TO shops_email_unique");

        Cli.Result check = cli.run("check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("The models and the database differ (1 change needed)")
                .contains("rename constraint shops_email_unique on shops to shops_email_address_key");
    }
}
