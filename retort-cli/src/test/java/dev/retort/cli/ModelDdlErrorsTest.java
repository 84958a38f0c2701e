package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose DDL PostgreSQL rejects is named where the user can fix it: the entity, or the schema file's line. */
class ModelDdlErrorsTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
    }

    private void entities(String item) {
        entities("", item);
    }

    /** A project whose model is the entity Item, with {@code annotations} on the class and {@code fields}. */
    private void entities(String annotations, String fields) {
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("src/main/java/com/example/Item.java", """
                package com.example;

                import jakarta.persistence.*;

                %s@Entity
                public class Item {
                    @Id
                    private Long id;

                    private String name;
                %s}
                """.formatted(annotations, fields));
    }

    @Test
    void anUnknownColumnTypeNamesTheEntityAndField() {
        entities("""

                    @Column(columnDefinition = "nosuchtype")
                    private java.math.BigDecimal price;
                """);

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "items");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString())
                .contains("com.example.Item.price: type \"nosuchtype\" does not exist (PostgreSQL rejects Hibernate's "
                        + "`create table item (")
                .contains("Fix the type in its mapping (columnDefinition)")
                .contains("A domain or composite type that a migration creates cannot be mapped")
                .doesNotContain("(line ").doesNotContain("\tat ");
    }

    /** The mapping is right: the function is an extension's, which the dev database the entities go into lacks. */
    @Test
    void anExtensionsFunctionInADefaultPointsAtTheDevDatabase() {
        entities("""

                    @Column(columnDefinition = "text default encode(gen_random_bytes(16), 'hex')")
                    private String token;
                """);

        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "items");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("com.example.Item.token: function gen_random_bytes(integer) "
                        + "does not exist").contains("If an extension provides the function").contains("dev_url")
                .doesNotContain("\tat ");
    }

    @Test
    void aFieldOfAnEmbeddableIsNamedByItsPath() {
        cli.write("src/main/java/com/example/Money.java", """
                package com.example;

                @jakarta.persistence.Embeddable
                public class Money {
                    @jakarta.persistence.Column(columnDefinition = "numeric(10,2) CHECK (amount >= nothing)")
                    private java.math.BigDecimal amount;
                    private String currency;
                }
                """);
        entities("\n    private Money cost;\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("com.example.Item.cost.amount: column \"nothing\" does not exist")
                .contains("Fix the mapping and run again.");
    }

    @Test
    void aTableCheckNamesTheEntity() {
        entities("@org.hibernate.annotations.Check(constraints = \"nothing > 0\")\n", "");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("com.example.Item: column \"nothing\" does not exist");
    }

    @Test
    void aSequenceGeneratorNamesTheIdAndItsGenerator() {
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        // A reserved word Hibernate does not quote.
        cli.write("src/main/java/com/example/Order.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "orders")
                public class Order {
                    @Id
                    @GeneratedValue(generator = "order_ids")
                    @SequenceGenerator(name = "order_ids", sequenceName = "order")
                    private Long id;
                }
                """);

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString())
                .contains("com.example.Order.id (@SequenceGenerator \"order_ids\"): syntax error at or near "
                        + "\"order\" (PostgreSQL rejects Hibernate's `create sequence order start with 1")
                .contains("`). order is a word PostgreSQL reserves: quote it where the mapping names it "
                        + "(@SequenceGenerator(sequenceName = \"\\\"order\\\"\")), or set "
                        + "hibernate.globally_quoted_identifiers = \"true\" under [models.properties] in retort.toml")
                .doesNotContain("(line ");
    }

    /** An index named after a reserved word was told to quote it in an @Column. */
    @Test
    void anIndexNamedAfterAReservedWordIsToldToQuoteItsName() {
        entities("@Table(indexes = @Index(name = \"order\", columnList = \"name\"))\n", "");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("order is a word PostgreSQL reserves: quote it where the "
                + "mapping names it (@Index(name = \"\\\"order\\\"\"))");
    }

    /** A unique @Index with a sort order was told to quote desc, a word it does not name. */
    @Test
    void aSortOrderInAUniqueIndexIsToldToGo() {
        entities("@Table(indexes = @Index(name = \"item_name_idx\", columnList = \"id, name DESC\", unique = true))\n",
                "");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("desc is a sort order, which a unique constraint's columns "
                + "cannot have: Hibernate makes a unique @Index (and a @UniqueConstraint) into one. Take desc out of "
                + "its columnList").doesNotContain("quote it");
    }

    @Test
    void anIndexNamesTheEntityAndTheIndex() {
        entities("@Table(indexes = @Index(name = \"item_name_idx\", columnList = \"name, lower(name)\"))\n", "");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString())
                .contains("com.example.Item (@Index item_name_idx on name, lower(name)): column \"lower(name)\" "
                        + "does not exist (PostgreSQL rejects Hibernate's `create index item_name_idx on item")
                .doesNotContain("(line ");
    }

    @Test
    void aUniqueConstraintNamesTheEntityAndTheConstraint() {
        entities("@Table(uniqueConstraints = @UniqueConstraint(name = \"uk_item_name\", columnNames = {\"name\", "
                + "\"nmae\"}))\n", "");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString())
                .contains("com.example.Item (@UniqueConstraint uk_item_name on name, nmae): column \"nmae\" named in "
                        + "key does not exist (PostgreSQL rejects Hibernate's `create table item (")
                .contains("Fix the columnNames of the @UniqueConstraint: each must be a column of the table or the "
                        + "field that maps it; then run again.")
                .doesNotContain("(line ");
    }

    @Test
    void anUnnamedUniqueConstraintIsNamedByItsColumns() {
        entities("", """

                    @ElementCollection
                    @CollectionTable(uniqueConstraints = @UniqueConstraint(columnNames = {"tags", "tag"}))
                    private java.util.Set<String> tags;
                """);

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString())
                .contains("com.example.Item.tags (@UniqueConstraint on tags, tag): column \"tag\" named in key does "
                        + "not exist (PostgreSQL rejects Hibernate's `create table item_tags (")
                .contains("Fix the columnNames of the @UniqueConstraint");
    }

    @Test
    void aUniqueConstraintWithoutColumnsOrWithABlankNameNamesTheEntityInOneLine() {
        // Hibernate named the table only for the first, and failed with an index out of bounds on the second.
        for (String constraint : java.util.List.of("@UniqueConstraint(columnNames = {})",
                "@UniqueConstraint(name = \" \", columnNames = {\"name\"})")) {
            entities("@Table(uniqueConstraints = " + constraint + ")\n", "");

            Cli.Result r = cli.run("check");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).startsWith("retort: com.example.Item (@UniqueConstraint in @Table): "
                    + "its ").endsWith("; then run the command again.\n").doesNotContain("unexpected", "\tat ");
            assertThat(r.err().lines()).as(r.toString()).hasSize(1);
        }
    }

    @Test
    void aSchemaNamesTheEntityWhoseTableIsInIt() {
        entities("@Table(schema = \"order\")\n", "");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString())
                .contains("com.example.Item (@Table schema order): syntax error at or near \"order\" (PostgreSQL "
                        + "rejects Hibernate's `create schema order`)")
                .doesNotContain("(line ");
    }

    @Test
    void aSchemaFileStillNamesItsLine() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        cli.write("schema.sql", "CREATE TABLE item (id int PRIMARY KEY);\n\nCREATE TABLE price (\n  id int,\n"
                + "  amount nosuchtype\n);\n");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("schema.sql (line 3): PostgreSQL rejects `CREATE TABLE price (")
                .contains("type \"nosuchtype\" does not exist");
    }
}
