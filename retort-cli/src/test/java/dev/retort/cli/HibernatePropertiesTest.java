package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [models.properties]} hands Hibernate the properties a Spring Boot application sets in
 * {@code spring.jpa.properties.*}: with {@code globally_quoted_identifiers}, an entity named after a reserved word
 * ({@code Order}) maps as it does in the application.
 */
class HibernatePropertiesTest {
    private static final String MODELS = "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example\"]\n";

    @TempDir
    Path dir;
    Cli cli;
    String devUrl;

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        devUrl = "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n";
        cli.write("src/main/java/com/example/Order.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                public class Order {
                    @Id
                    @GeneratedValue
                    private Long id;

                    private String customerName;
                }
                """);
    }

    @Test
    void globallyQuotedIdentifiersMapAnEntityNamedAfterAReservedWord() throws Exception {
        cli.write("retort.toml", MODELS + devUrl);

        Cli.Result refused = cli.run("check");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).as(refused.toString())
                .contains("com.example.Order: syntax error at or near \"order\" (PostgreSQL rejects Hibernate's "
                        + "`create table order (")
                .contains("order is a word PostgreSQL reserves: quote it where the mapping names it "
                        + "(@Table(name = \"\\\"order\\\"\")), or set hibernate.globally_quoted_identifiers = \"true\" "
                        + "under [models.properties] in retort.toml");
        assertThat(refused.err().lines().filter(l -> !l.isBlank()).count()).as(refused.toString()).isEqualTo(1);

        // The same sources, now with the property: the cached model of the run above must not be reused.
        cli.write("retort.toml", MODELS + devUrl + "\n[models.properties]\nhibernate.globally_quoted_identifiers = "
                + "\"true\"\n");
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "create order table");
        Matcher generated = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(r.out());
        assertThat(generated.find()).as(r.toString()).isTrue();
        assertThat(Files.readString(cli.project.resolve(generated.group(1)))).contains("createTable(\"order\"");
        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'order' "
                + "ORDER BY 1")).containsExactly("customer_name", "id");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    /** Quoted whole, a columnDefinition became a type name, and the advice spoke of extensions. */
    @Test
    void aColumnDefinitionQuotedAsATypeIsToldOfTheSkipProperty() {
        cli.write("src/main/java/com/example/Order.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                public class Order {
                    @Id
                    private Long id;

                    private int qty;

                    @Column(columnDefinition = "int generated always as (qty + 1) stored", insertable = false,
                            updatable = false)
                    private int next;
                }
                """);
        String quoted = MODELS + devUrl + "\n[models.properties]\nhibernate.globally_quoted_identifiers = \"true\"\n";
        cli.write("retort.toml", quoted);

        Cli.Result refused = cli.run("check");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).as(refused.toString()).contains("Hibernate quoted a columnDefinition as the name "
                + "of a type, as hibernate.globally_quoted_identifiers does unless "
                + "hibernate.globally_quoted_identifiers_skip_column_definitions = \"true\" is set too")
                .doesNotContain("extension");

        cli.write("retort.toml", quoted + "hibernate.globally_quoted_identifiers_skip_column_definitions = \"true\"\n");
        assertThat(cli.run("check").err()).doesNotContain("columnDefinition");
    }
}
