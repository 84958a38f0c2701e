package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntitySourcesTest {

    @Test
    void filesDeclaringAMappingAreSelectedByTheirText(@TempDir Path dir) {
        EntityProject project = new EntityProject(dir)
                .write("a/Plain.java", "package a;\n@jakarta.persistence.Entity public class Plain { }\n")
                .write("a/Embedded.java", "package a;\n@Embeddable public class Embedded { }\n")
                .write("a/Base.java", "package a;\n@MappedSuperclass public class Base { }\n")
                .write("a/Conv.java", "package a;\n@Converter(autoApply = true) public class Conv { }\n")
                .write("a/Listener.java", "package a;\n@EntityListeners(X.class) public class Listener { }\n")
                .write("a/Status.java", "package a;\npublic enum Status { A }\n")
                .write("a/notes.txt", "@Entity\n");

        List<SourceFile> files = EntitySources.read(List.of(project.sources, dir.resolve("missing")));
        List<SourceFile> selected = EntitySources.select(files, project.settings(Naming.SNAKE_CASE));

        assertThat(files).extracting(SourceFile::relative).containsExactly("a/Base.java", "a/Conv.java",
                "a/Embedded.java", "a/Listener.java", "a/Plain.java", "a/Status.java");
        assertThat(selected).extracting(SourceFile::relative).containsExactly("a/Base.java", "a/Conv.java",
                "a/Embedded.java", "a/Plain.java");
    }

    @Test
    void aLinkedSourceRootIsReadWhereItLeads(@TempDir Path dir) throws IOException {
        EntityProject application = new EntityProject(dir.resolve("app"))
                .write("a/Plain.java", "package a;\n@jakarta.persistence.Entity public class Plain { }\n");
        Path linked = Files.createSymbolicLink(dir.resolve("sources"), application.sources);

        List<SourceFile> files = EntitySources.read(List.of(linked));

        assertThat(files).extracting(SourceFile::relative).containsExactly("a/Plain.java");
        assertThat(files.get(0).path()).isEqualTo(linked.resolve("a/Plain.java"));
    }

    @Test
    void aLinkedDirectoryInARootIsReadWhereItLeadsAndALoopEnds(@TempDir Path dir) throws IOException {
        EntityProject application = new EntityProject(dir.resolve("app"))
                .write("a/Plain.java", "package a;\n@jakarta.persistence.Entity public class Plain { }\n");
        Path shared = Files.createDirectories(dir.resolve("shared/consts"));
        Files.writeString(shared.resolve("Sizes.java"), "package a.consts; public class Sizes { }\n");
        Files.createSymbolicLink(application.sources.resolve("a/consts"), shared);
        Files.createSymbolicLink(application.sources.resolve("a/root"), application.sources);
        Files.createSymbolicLink(shared.resolve("back"), shared.getParent());

        List<SourceFile> files = EntitySources.read(List.of(application.sources));

        assertThat(files).extracting(SourceFile::relative)
                .containsExactly("a/Plain.java", "a/consts/Sizes.java", "a/consts/back/consts/Sizes.java");
    }

    @Test
    void aMappingNamedOnlyInACommentOrAStringDoesNotSelectTheFile(@TempDir Path dir) {
        // Compiling them would need jars the entities do not: Spring's, for a service such as this one.
        EntityProject project = new EntityProject(dir)
                .write("a/OrderService.java", """
                        package a;

                        import org.springframework.stereotype.Service;

                        /** Loads each @Entity of the order, /* and its lines. */
                        @Service public class OrderService {
                            // @Embeddable values are copied
                            String query = "select o from @Entity o";
                            char at = '@';
                            String doc = \"""
                                    @MappedSuperclass \\\""" still in the text block
                                    \""";
                        }
                        """)
                .write("a/Order.java", """
                        /* Copyright: the @Entity company */
                        package a;

                        @Entity(name = "Order // not a comment") public class Order { String s = "/*"; }
                        """)
                .write("a/Line.java", "package a; class Line { String s = \"\\\"@Entity\"; }\n")
                .write("a/Money.java", "package a; class Money { char q = '\\''; } @Embeddable class Amount { }\n");

        List<SourceFile> selected = EntitySources.select(EntitySources.read(List.of(project.sources)),
                project.settings(Naming.SNAKE_CASE));

        assertThat(selected).extracting(SourceFile::relative).containsExactly("a/Money.java", "a/Order.java");
    }

    @Test
    void packagesAreMatchedOnTheDeclaredPackageAndItsSubpackages(@TempDir Path dir) {
        EntityProject project = new EntityProject(dir)
                .write("flat/Order.java", "// a comment\npackage com.shop.orders;\n@Entity class Order { }\n")
                .write("com/shop/billing/Invoice.java", "package com.shop.billing.v2;\n@Entity class Invoice { }\n")
                .write("com/shopping/Cart.java", "package com.shopping;\n@Entity class Cart { }\n");
        JpaSettings settings = new JpaSettings(List.of(project.sources), List.of(), List.of("com.shop"),
                Naming.SNAKE_CASE, project.cache);

        List<SourceFile> selected = EntitySources.select(EntitySources.read(settings.sources()), settings);

        assertThat(selected).extracting(SourceFile::relative)
                .containsExactly("com/shop/billing/Invoice.java", "flat/Order.java");
    }

    @Test
    void aPackageInfoIsSelectedWhenItAnnotatesAnIncludedPackageForHibernate(@TempDir Path dir) {
        EntityProject project = new EntityProject(dir)
                .write("com/shop/package-info.java", """
                        /** The shop's generators. */
                        @SequenceGenerator(name = "gen", sequenceName = "s1")
                        package com.shop;

                        import jakarta.persistence.SequenceGenerator;
                        """)
                .write("com/shop/ids/package-info.java", """
                        @org.hibernate.annotations.GenericGenerator(name = "ids") package com.shop.ids;
                        """)
                .write("com/shop/api/package-info.java", """
                        // Hibernate reads nothing here, and compiling it would need Spring's jar.
                        @NonNullApi
                        package com.shop.api;

                        import org.springframework.lang.NonNullApi;
                        """)
                .write("com/shop/docs/package-info.java", """
                        /** Mentions @jakarta.persistence.SequenceGenerator, only in a comment. */
                        package com.shop.docs;
                        """)
                .write("com/other/package-info.java", """
                        @jakarta.persistence.SequenceGenerator(name = "other")
                        package com.other;
                        """);
        JpaSettings settings = new JpaSettings(List.of(project.sources), List.of(), List.of("com.shop"),
                Naming.SNAKE_CASE, project.cache);

        List<SourceFile> selected = EntitySources.select(EntitySources.read(settings.sources()), settings);

        assertThat(selected).extracting(SourceFile::relative)
                .containsExactly("com/shop/ids/package-info.java", "com/shop/package-info.java");
    }

    /** A persistence unit's {@code <class>} that names a package names its package-info, in whatever package. */
    @Test
    void aPackageInfoOfAPackageAPersistenceUnitListsIsSelected(@TempDir Path dir) {
        EntityProject project = new EntityProject(dir)
                .write("com/other/package-info.java", """
                        @jakarta.persistence.SequenceGenerator(name = "other")
                        package com.other;
                        """)
                .write("com/another/package-info.java", """
                        @jakarta.persistence.SequenceGenerator(name = "another")
                        package com.another;
                        """);
        JpaSettings settings = new JpaSettings(List.of(project.sources), List.of(), List.of("com.shop"),
                Naming.SNAKE_CASE, project.cache);

        List<SourceFile> selected =
                EntitySources.select(EntitySources.read(settings.sources()), settings, List.of("com.other"));

        assertThat(selected).extracting(SourceFile::relative).containsExactly("com/other/package-info.java");
    }
}
