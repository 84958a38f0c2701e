package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.jpa.JpaSettings.Naming;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code naming = "snake_case"} names tables as a Spring Boot application does with its default settings, and
 * {@code naming = "jpa"} as Hibernate does with its own, down to the tables no annotation names; and
 * {@code physical_naming_strategy} and {@code implicit_naming_strategy} take the place of either half.
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

    private JpaModel load(Naming naming, String physical, String implicit) {
        return new JpaModelSource(new JpaSettings(List.of(project.sources), List.of(), List.of("com.example"), naming,
                project.cache, Optional.ofNullable(physical), Optional.ofNullable(implicit))).load();
    }

    @Test
    void plainHibernateWithCamelCaseToUnderscoresAloneKeepsJpasJoinTableName() {
        JpaModel model = load(Naming.JPA, "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy", null);

        assertThat(statement(model, "create table customers_product_categories (")).contains(
                "customer_id bigint not null", "favourite_categories_id bigint not null");
        assertThat(statement(model, "create table customer_nick_names (")).contains("nick_names varchar(255)");
    }

    @Test
    void springBootsImplicitStrategyIsTakenByNameWithoutSpringOnTheClassPath() {
        JpaModel model = load(Naming.JPA, "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy",
                "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");

        assertThat(statement(model, "create table customers_favourite_categories (")).contains(
                "customer_id bigint not null", "favourite_categories_id bigint not null");
    }

    @Test
    void aStrategyAmongTheSourcesIsCompiledWithTheEntitiesOutsideTheirPackages() {
        project.write("com/acme/orm/PrefixedNaming.java", """
                package com.acme.orm;

                import org.hibernate.boot.model.naming.Identifier;
                import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
                import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

                public class PrefixedNaming extends PhysicalNamingStrategyStandardImpl {
                    @Override
                    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment environment) {
                        return Identifier.toIdentifier("app_" + name.getText());
                    }
                }
                """);

        JpaModel model = load(Naming.SNAKE_CASE, "com.acme.orm.PrefixedNaming", null);

        assertThat(statement(model, "create table app_customers (")).contains("id bigint not null");
        assertThat(model.ddl()).contains("create table app_customers_favouriteCategories (");
        // Another strategy on the same cache is another model, not the one cached for the first.
        assertThat(load(Naming.SNAKE_CASE, null, null).ddl()).contains("create table customers (")
                .doesNotContain("app_customers");
    }

    @Test
    void aStrategyThatIsNowhereSaysWhereToPutIt() {
        assertThatThrownBy(() -> load(Naming.JPA, "com.acme.orm.Missing", null)).isInstanceOf(JpaModelException.class)
                .hasMessage("[models] physical_naming_strategy in retort.toml names com.acme.orm.Missing, which is in "
                        + "none of the entities' sources or class path; add its source to [models] sources or its jar "
                        + "to [models] classpath.");
    }

    @Test
    void aClassThatIsNotAStrategySaysWhatItMustImplement() {
        assertThatThrownBy(() -> load(Naming.JPA, null, "com.example.Customer")).isInstanceOf(JpaModelException.class)
                .hasMessage("[models] implicit_naming_strategy in retort.toml names com.example.Customer, which is not "
                        + "a ImplicitNamingStrategy (Hibernate's org.hibernate.boot.model.naming.ImplicitNamingStrategy); "
                        + "name a class that implements it.");
    }
}
