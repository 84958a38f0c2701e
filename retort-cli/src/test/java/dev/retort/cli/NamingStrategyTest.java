package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain Hibernate application that names with {@code CamelCaseToUnderscoresNamingStrategy} alone (JPA's implicit
 * names, snake case): {@code physical_naming_strategy} in {@code retort.toml} gets its tables from autogenerate as
 * its own {@code ddl-auto} makes them, and {@code check} then finds nothing to change.
 */
class NamingStrategyTest {
    @TempDir
    Path dir;

    @Test
    void aPhysicalStrategyInRetortTomlNamesTheTablesAutogenerateWrites() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\nnaming = \"jpa\"\n"
                + "physical_naming_strategy = \"org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("src/main/java/com/example/Customer.java", """
                package com.example;

                import jakarta.persistence.*;
                import java.util.Set;

                @Entity @Table(name = "customers") public class Customer {
                    @Id private Long id;
                    private String phoneNumber;
                    @ManyToMany private Set<Category> favouriteCategories;
                }
                """);
        cli.write("src/main/java/com/example/Category.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @Table(name = "product_categories") public class Category {
                    @Id private Long id;
                }
                """);

        cli.ok("revision", "--autogenerate", "-m", "customers");
        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' "
                + "ORDER BY column_name")).containsExactly("id", "phone_number");
        assertThat(cli.column("SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'customers_product_categories' ORDER BY column_name"))
                .containsExactly("customer_id", "favourite_categories_id");
        assertThat(cli.run("check").exitCode()).isZero();
    }
}
