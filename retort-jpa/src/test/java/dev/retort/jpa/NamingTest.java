package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.jpa.JpaSettings.Naming;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code naming = "snake_case"} names tables as a Spring Boot application does with its default settings, and
 * {@code naming = "jpa"} as Hibernate does with its own, down to the tables no annotation names.
 */
class NamingTest {
    private EntityProject project;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir);
        project.entity("Customer", """
                @Entity @Table(name = "customers") public class Customer {
                    @Id @GeneratedValue private Long id;
                    @ManyToMany private Set<Category> favouriteCategories;
                    @ElementCollection private Set<String> nickNames;
                }
                """)
                .entity("Category", """
                @Entity @Table(name = "product_categories") public class Category {
                    @Id @GeneratedValue private Long id;
                }
                """);
    }

    @Test
    void snakeCaseNamesAJoinTableAfterTheOwningTableAndAttributeAsSpringBootDoes() {
        JpaModel model = project.load(Naming.SNAKE_CASE);

        assertThat(statement(model, "create table customers_favourite_categories (")).contains(
                "customer_id bigint not null", "favourite_categories_id bigint not null");
        assertThat(model.ddl()).doesNotContain("create table customers_product_categories");
    }

    @Test
    void snakeCaseNamesAnElementCollectionAfterTheEntityAndAttributeAsSpringBootDoes() {
        JpaModel model = project.load(Naming.SNAKE_CASE);

        assertThat(statement(model, "create table customer_nick_names (")).contains("customer_id bigint not null",
                "nick_names varchar(255)");
    }

    @Test
    void jpaNamesAJoinTableAfterBothTablesAsHibernateDoes() {
        JpaModel model = project.load(Naming.JPA);

        assertThat(statement(model, "create table customers_product_categories (")).contains(
                "Customer_id bigint not null", "favouriteCategories_id bigint not null");
        assertThat(model.ddl()).doesNotContain("create table customers_favouriteCategories");
    }

    @Test
    void jpaNamesAnElementCollectionAfterTheEntityAndAttributeAsHibernateDoes() {
        JpaModel model = project.load(Naming.JPA);

        assertThat(statement(model, "create table Customer_nickNames (")).contains("Customer_id bigint not null",
                "nickNames varchar(255)");
    }
}
