package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entity sources written with Lombok, as most Spring Boot applications write them. */
class LombokTest {
    private EntityProject project;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir);
    }

    @Test
    void codeThatCallsWhatLombokGeneratesCompilesWhenTheLombokJarIsOnTheClasspath() {
        // Without Lombok's processor: "cannot find symbol (symbol: method getAmount() ...)".
        project.write("com/example/Order.java", """
                package com.example;

                import jakarta.persistence.*;
                import java.math.BigDecimal;
                import java.util.ArrayList;
                import java.util.List;
                import lombok.*;

                @Entity @Table(name = "orders")
                @Getter @Setter @NoArgsConstructor @AllArgsConstructor @Builder
                public class Order {
                    @Id @GeneratedValue private Long id;
                    @ManyToOne(optional = false) private Customer customer;
                    @OneToMany(mappedBy = "order") @Builder.Default private List<OrderLine> lines = new ArrayList<>();

                    public BigDecimal total() {
                        return lines.stream().map(OrderLine::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    }

                    public String customerEmail() {
                        return getCustomer().getEmail();
                    }
                }
                """)
                .write("com/example/OrderLine.java", """
                        package com.example;

                        import jakarta.persistence.*;
                        import java.math.BigDecimal;

                        @Entity @lombok.Data
                        public class OrderLine {
                            @Id @GeneratedValue private Long id;
                            @ManyToOne private Order order;
                            @Column(precision = 12, scale = 2) private BigDecimal amount;
                        }
                        """)
                .write("com/example/Customer.java", """
                        package com.example;

                        import jakarta.persistence.*;

                        @Entity @lombok.Getter
                        public class Customer { @Id private Long id; @Column(nullable = false) private String email; }
                        """);

        JpaModel model = load(List.of(lombokJar()));

        assertThat(statement(model, "create table orders (")).contains("customer_id bigint not null");
        assertThat(statement(model, "create table order_line (")).contains("amount numeric(12,2)");
        assertThat(statement(model, "create table customer (")).contains("email varchar(255) not null");
    }

    @Test
    void classesTheEntitiesUseThatAreWrittenWithLombokAreProcessedToo() {
        // javac found OrderRules and Discount through the source path and did not run Lombok on them: they are named
        // to javac on a second attempt.
        project.write("com/example/Order.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @Table(name = "orders") @lombok.Getter
                public class Order {
                    @Id @GeneratedValue private Long id;
                    private String email;
                    private int discount;

                    @PrePersist void validate() { OrderRules.check(this); }
                }
                """)
                .write("com/example/OrderRules.java", """
                        package com.example;

                        @lombok.experimental.UtilityClass
                        public class OrderRules {
                            public void check(Order order) {
                                if (order.getEmail() == null || order.getDiscount() > Discount.max().getPercent()) {
                                    throw new IllegalStateException("no email");
                                }
                            }
                        }
                        """)
                .write("com/example/Discount.java", """
                        package com.example;

                        @lombok.Value(staticConstructor = "of")
                        public class Discount {
                            int percent;

                            static Discount max() { return of(50); }
                        }
                        """);

        JpaModel model = load(List.of(lombokJar()));

        assertThat(statement(model, "create table orders (")).contains("discount integer not null", "email varchar");
    }

    @Test
    void theOtherMissingPackagesAreNamedBesideLombok() {
        // An entity listener that is a Spring bean: javac compiles it with the entity, and Spring is not given.
        project.write("com/example/Customer.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @EntityListeners(com.example.audit.AuditListener.class) @lombok.Getter
                public class Customer { @Id private Long id; }
                """)
                .write("com/example/audit/AuditListener.java", """
                        package com.example.audit;

                        import org.springframework.stereotype.Component;

                        @Component
                        public class AuditListener {
                        }
                        """);

        assertThatThrownBy(() -> load(List.of())).isInstanceOf(JpaModelException.class)
                .hasMessage("Could not compile the JPA entities: packages lombok (com/example/Customer.java:5), "
                        + "org.springframework.stereotype (com/example/audit/AuditListener.java:3) are not on the "
                        + "class path; add the Lombok jar your build uses (org.projectlombok:lombok) and the jars or "
                        + "class directories that hold the others to [models] classpath (or their source roots to "
                        + "[models] sources) in retort.toml.");

        assertThatThrownBy(() -> load(List.of(lombokJar()))).isInstanceOf(JpaModelException.class)
                .hasMessage("Could not compile the JPA entities: package org.springframework.stereotype "
                        + "(com/example/audit/AuditListener.java:3) is not on the class path; add the jar or class "
                        + "directory that holds it to [models] classpath (or its source root to [models] sources) "
                        + "in retort.toml.");
    }

    @Test
    void noOtherAnnotationProcessorOnTheClasspathRuns(@TempDir Path dir) throws IOException {
        // A processor that fails every compilation it runs in, found on the class path as javac finds processors.
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path source = Files.writeString(dir.resolve("Refuse.java"), """
                import java.util.Set;
                import javax.annotation.processing.*;
                import javax.lang.model.element.TypeElement;
                import javax.tools.Diagnostic;

                @SupportedAnnotationTypes("*")
                public class Refuse extends AbstractProcessor {
                    @Override
                    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Refuse ran");
                        return false;
                    }
                }
                """);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString())).isZero();
        Files.writeString(Files.createDirectories(classes.resolve("META-INF/services"))
                .resolve("javax.annotation.processing.Processor"), "Refuse\n");
        project.write("com/example/Customer.java", """
                package com.example;

                @jakarta.persistence.Entity @lombok.Getter
                public class Customer { @jakarta.persistence.Id private Long id; }
                """);

        assertThat(load(List.of(classes, lombokJar())).ddl()).contains("create table customer (");
        project.write("com/example/Customer.java", """
                package com.example;

                @jakarta.persistence.Entity
                public class Customer { @jakarta.persistence.Id private Long id; }
                """);
        assertThat(load(List.of(classes)).ddl()).contains("create table customer (");
    }

    @Test
    void aChangedLombokConfigCompilesTheEntitiesAgain() throws IOException {
        // lombok.accessors.fluent = true makes amount() of getAmount(): what compiles, and what an entity's code
        // calls, changes with lombok.config, so a cached model of the entities before it must not be reused.
        project.write("com/example/OrderLine.java", """
                package com.example;

                import jakarta.persistence.*;
                import java.math.BigDecimal;

                @Entity @lombok.Getter
                public class OrderLine {
                    @Id @GeneratedValue private Long id;
                    @Column(precision = 12, scale = 2) private BigDecimal amount;
                }
                """);
        assertThat(compilations()).isEqualTo(1);
        assertThat(compilations()).isZero();

        // Lombok reads the lombok.config of a source's directory and of every directory above it, the source root's
        // parents included.
        Path above = Files.writeString(project.root.resolve("lombok.config"), "lombok.accessors.fluent = true\n");
        assertThat(compilations()).isEqualTo(1);
        assertThat(compilations()).isZero();
        Files.writeString(above, "lombok.accessors.fluent = false\n");
        assertThat(compilations()).isEqualTo(1);

        project.write("com/example/lombok.config", "lombok.accessors.chain = true\n");
        assertThat(compilations()).isEqualTo(1);
        assertThat(compilations()).isZero();
    }

    /** How many times loading the entities with Lombok ran javac: none when the cached model was used. */
    private int compilations() {
        JpaModelSource source = new JpaModelSource(new JpaSettings(List.of(project.sources), List.of(lombokJar()),
                List.of(), Naming.SNAKE_CASE, project.cache));
        assertThat(source.load().ddl()).contains("create table order_line (");
        return source.compilations();
    }

    private JpaModel load(List<Path> classpath) {
        return new JpaModelSource(new JpaSettings(List.of(project.sources), classpath, List.of(), Naming.SNAKE_CASE,
                project.cache)).load();
    }

    private static Path lombokJar() {
        try {
            return Path.of(lombok.Getter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
