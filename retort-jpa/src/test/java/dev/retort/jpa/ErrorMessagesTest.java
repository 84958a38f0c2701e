package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the entities cannot be used, and that Hibernate stays off stdout. */
class ErrorMessagesTest {
    private EntityProject project;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir);
    }

    @Test
    void aCompileErrorNamesTheFileAndLine() {
        // EntityProject.entity writes ten lines of package and imports, so the body starts at line 11.
        project.entity("User", """
                @Entity public class User {
                    @Id @GeneratedValue private Long id;
                    private Strin email;
                }
                """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("Could not compile the JPA entities: com/example/User.java:13: cannot find "
                        + "symbol (symbol: class Strin, location: class com.example.User)")
                .hasMessageContaining("fix the entity or set [models] sources")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCompileErrorInAReferencedFileNamesThatFile() {
        project.entity("User", """
                @Entity public class User { @Id private Long id; private Status status; }
                """)
                .entity("Status", "public enum Status { ACTIVE BLOCKED }\n");

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("Could not compile the JPA entities: com/example/Status.java:11: ");
    }

    @Test
    void withoutTheLombokJarTheErrorSaysToAddIt() {
        project.write("com/example/Customer.java", """
                package com.example;

                import jakarta.persistence.*;
                import lombok.Getter;
                import lombok.Setter;

                @Entity @Getter @Setter
                public class Customer { @Id private Long id; private String email; }
                """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("Could not compile the JPA entities: package lombok (com/example/Customer.java:4) is not "
                        + "on the class path; add the Lombok jar your build uses (org.projectlombok:lombok) to "
                        + "[models] classpath in retort.toml.");
    }

    @Test
    void aMissingPackageIsNamedWithTheFileThatImportsIt() {
        // An entity listener that is a Spring bean: javac compiles it with the entity, and Spring is not given.
        project.entity("Customer", """
                @Entity @EntityListeners(com.example.audit.AuditListener.class)
                public class Customer { @Id private Long id; }
                """)
                .write("com/example/audit/AuditListener.java", """
                        package com.example.audit;

                        import org.springframework.beans.factory.annotation.Autowired;
                        import org.springframework.stereotype.Component;

                        @Component
                        public class AuditListener {
                            @Autowired private Object events;
                        }
                        """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("Could not compile the JPA entities: packages org.springframework.beans.factory.annotation "
                        + "(com/example/audit/AuditListener.java:3), org.springframework.stereotype "
                        + "(com/example/audit/AuditListener.java:4) are not on the class path; add the jars or class "
                        + "directories that hold them to [models] classpath (or their source roots to [models] "
                        + "sources) in retort.toml.");
    }

    private static final String HIBERNATE_5_USER = """
            package com.example;

            import javax.persistence.*;

            @Entity @Table(name = "users")
            public class User { @Id private Long id; }
            """;

    @Test
    void entitiesWrittenForHibernate5AreNamedAsSuch() {
        project.write("com/example/User.java", HIBERNATE_5_USER);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("Could not compile the JPA entities: com/example/User.java:3 uses javax.persistence, the "
                        + "annotations of Hibernate 5 (Spring Boot 2, Java EE 8); Retort reads entities with Hibernate "
                        + "6, which reads only jakarta.persistence. Move the entities to jakarta.persistence (replace "
                        + "the javax.persistence imports), as the application must to run on Hibernate 6 or Spring "
                        + "Boot 3.");
    }

    @Test
    void entitiesWrittenForHibernate5CompiledWithItsJarAreNamedAsSuch() {
        // The old API's jar on the class path (here its two annotations, as sources): the entity compiles, and is
        // still no entity to Hibernate 6.
        project.write("com/example/User.java", HIBERNATE_5_USER);
        for (String annotation : List.of("Entity", "Table", "Id")) {
            project.write("javax/persistence/" + annotation + ".java", "package javax.persistence;\n"
                    + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
                    + "public @interface " + annotation + " { String name() default \"\"; }\n");
        }

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("No Jakarta Persistence entities found, but com.example.User uses "
                        + "javax.persistence, the annotations of Hibernate 5");
    }

    @Test
    void noEntitiesIsReportedWithTheDirectoriesAndPackagesLookedIn() {
        project.entity("Money", "@Embeddable public class Money { private BigDecimal amount; }\n");
        JpaSettings settings = new JpaSettings(List.of(project.sources), List.of(), List.of("com.example", "org.shop"),
                Naming.SNAKE_CASE, project.cache);

        assertThatThrownBy(() -> new JpaModelSource(settings).load()).isInstanceOf(JpaModelException.class)
                .hasMessage("No @Entity classes found in " + project.sources + " (packages: com.example, org.shop); "
                        + "check [models] sources and packages in retort.toml.");
    }

    @Test
    void entitiesOutsideThePackagesAreNotFound() {
        project.entity("User", "@Entity public class User { @Id private Long id; }\n");
        JpaSettings settings = new JpaSettings(List.of(project.sources), List.of(), List.of("com.example.billing"),
                Naming.SNAKE_CASE, project.cache);

        assertThatThrownBy(() -> new JpaModelSource(settings).load()).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("No @Entity classes found in " + project.sources
                        + " (packages: com.example.billing)");
    }

    @Test
    void anEmptySourceDirectoryHasNoEntities() {
        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("No @Entity classes found in " + project.sources + " (packages: any); "
                        + "check [models] sources and packages in retort.toml.");
    }

    @Test
    void aMappingHibernateRejectsIsReportedInOneLine() {
        project.entity("Ledger", "@Entity public class Ledger { private String name; }\n");

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("Hibernate cannot map the entities: ")
                .hasMessageContaining("com.example.Ledger")
                .hasMessageEndingWith("; fix the mapping and run the command again.")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aColumnMappedTwiceIsRefusedAsTheApplicationWouldRefuseIt() {
        // The embeddable gained a field that neither embedding overrides: both map it to column "region". The
        // table alone has no duplicate (Hibernate keeps one column of the name), but the application's session
        // factory refuses the mapping at start, so no migration may be written for it.
        project.entity("Address", "@Embeddable public class Address { private String city; private String region; }\n")
                .entity("Customer", """
                        @Entity public class Customer {
                            @Id private Long id;
                            @AttributeOverride(name = "city", column = @Column(name = "billing_city"))
                            private Address billing;
                            @AttributeOverride(name = "city", column = @Column(name = "shipping_city"))
                            private Address shipping;
                        }
                        """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("Hibernate cannot map the entities: Column 'region' is duplicated in mapping "
                        + "for entity 'com.example.Customer'")
                .hasMessageEndingWith("; fix the mapping and run the command again.")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aUniqueConstraintWithoutColumnsNamesTheEntityAndTheAnnotation() {
        // Hibernate's own message names the table only: "Unique constraint 'uk_item' on table 'item' has no columns".
        project.entity("Item", """
                @Entity @Table(uniqueConstraints = @UniqueConstraint(name = "uk_item", columnNames = {}))
                public class Item { @Id private Long id; private String name; }
                """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("com.example.Item (@UniqueConstraint uk_item in @Table): its columnNames is empty. List "
                        + "the columns it makes unique, or remove it; then run the command again.");
    }

    @Test
    void aBlankColumnOfAUniqueConstraintNamesTheFieldAndTheAnnotation() {
        project.entity("Item", """
                @Entity public class Item {
                    @Id private Long id;
                    @ElementCollection
                    @CollectionTable(uniqueConstraints = @UniqueConstraint(columnNames = {"item_id", " "}))
                    private Set<String> tags;
                }
                """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("com.example.Item.tags (@UniqueConstraint in @CollectionTable): its columnNames holds a "
                        + "blank name ({\"item_id\", \" \"}). Write the name of each column (or of the field that "
                        + "maps it) there, or remove the blank one; then run the command again.");
    }

    @Test
    void anEmptyColumnOfAUniqueConstraintInASecondaryTableNamesTheEntity() {
        project.entity("Item", """
                @Entity @SecondaryTable(name = "item_detail",
                        uniqueConstraints = @UniqueConstraint(columnNames = {"note", ""}))
                public class Item { @Id private Long id; @Column(table = "item_detail") private String note; }
                """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("com.example.Item (@UniqueConstraint in @SecondaryTable item_detail): its "
                        + "columnNames holds a blank name ({\"note\", \"\"}).");
    }

    @Test
    void aBlankNameOfAUniqueConstraintNamesTheEntity() {
        // Hibernate fails on it with a StringIndexOutOfBoundsException, which named nothing at all.
        project.entity("Item", """
                @Entity @Table(uniqueConstraints = @UniqueConstraint(name = " ", columnNames = {"name"}))
                public class Item { @Id private Long id; private String name; }
                """);

        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("com.example.Item (@UniqueConstraint in @Table): its name is blank (\" \"). Write the "
                        + "name there, or leave name out; then run the command again.");
    }

    @Test
    void aBlankNameOfATableAnIndexOrAColumnNamesTheEntityAndTheAnnotation() {
        // Hibernate fails on each with a StringIndexOutOfBoundsException, which named nothing at all.
        project.entity("Item", """
                @Entity @Table(name = "item", indexes = @Index(name = " ", columnList = "name"))
                public class Item { @Id private Long id; private String name; }
                """);
        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessage("com.example.Item (@Index in @Table item): its name is blank (\" \"). Write the name "
                        + "there, or leave name out; then run the command again.");

        project.entity("Item", """
                @Entity @Table(name = "  ")
                public class Item { @Id private Long id; @Column(name = "\\t") private String name; }
                """);
        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("com.example.Item (@Table): its name is blank (\"  \").");

        project.entity("Item", """
                @Entity
                public class Item { @Id private Long id; @Column(name = "\\t") private String name; }
                """);
        assertThatThrownBy(project::load).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("com.example.Item.name (@Column): its name is blank (\"\t\").");
    }

    @Test
    void anEmptyNameOfAUniqueConstraintIsNoNameAtAll() {
        project.entity("Item", """
                @Entity @Table(uniqueConstraints = @UniqueConstraint(name = "", columnNames = {"name"}))
                public class Item { @Id private Long id; private String name; }
                """);

        assertThat(EntityProject.statement(project.load(), "create table item (")).contains("unique (name)");
    }

    @Test
    void generatingDdlPrintsNothingOnStdout() {
        RichModel.write(project);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            source.load();
        } finally {
            System.setOut(stdout);
        }

        assertThat(source.hibernateBoots()).isEqualTo(1);
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
