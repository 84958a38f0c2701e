package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiled entities whose classes need a library the class path lacks: the error names the missing class, and the
 * jar to add. Kotlin's classes, compiled elsewhere, are the common case: an enum's static initialiser calls
 * {@code kotlin.enums.EnumEntriesKt}, which only the Kotlin standard library holds.
 */
class MissingClassTest {
    private Path dir;
    private Path library;
    private Path classes;

    @BeforeEach
    void compile(@TempDir Path dir) throws IOException {
        this.dir = dir;
        // A stand-in for the Kotlin standard library, and a shared module's base class.
        library = compile("library", List.of(), """
                package kotlin.enums;

                public final class EnumEntriesKt {
                    public static Object enumEntries(Object[] values) { return values; }
                }
                """, """
                package com.example.shared;

                @jakarta.persistence.MappedSuperclass
                public abstract class BaseEntity { private long version; }
                """);
        classes = compile("classes", List.of(library), """
                package com.example;

                /** As kotlinc writes an enum class. */
                public enum Status {
                    DRAFT, SENT;

                    private static final Object ENTRIES = kotlin.enums.EnumEntriesKt.enumEntries(values());
                }
                """, """
                package com.example;

                import jakarta.persistence.*;

                @Entity
                public class Invoice {
                    @Id private Long id;
                    @Enumerated(EnumType.STRING) private Status status;
                }
                """);
    }

    @Test
    void withTheLibraryTheEntitiesMap() {
        JpaModel model = load(List.of(classes, library), List.of("com.example"));

        assertThat(model.ddl()).contains("create table invoice (");
    }

    @Test
    void aMissingClassHibernateNeedsIsNamedWithTheClassThatNeedsIt() {
        // Hibernate's own message: "Could not create DynamicParameterizedType for type: null".
        assertThatThrownBy(() -> load(List.of(classes), List.of("com.example"))).isInstanceOf(JpaModelException.class)
                .hasMessage("Cannot load a class the entities use: com.example.Status needs "
                        + "kotlin.enums.EnumEntriesKt, which is not on the class path; add the Kotlin standard "
                        + "library jar (org.jetbrains.kotlin:kotlin-stdlib) to [models] classpath in retort.toml.");
    }

    @Test
    void aMissingSuperclassOfAnEntityIsNamed() throws IOException {
        Path orders = compile("orders", List.of(library), """
                package com.example.orders;

                @jakarta.persistence.Entity
                public class Order extends com.example.shared.BaseEntity { @jakarta.persistence.Id private Long id; }
                """);

        assertThatThrownBy(() -> load(List.of(orders), List.of())).isInstanceOf(JpaModelException.class)
                .hasMessage("Cannot load the entity class com.example.orders.Order: it needs "
                        + "com.example.shared.BaseEntity, which is not on the class path; add the jar or class "
                        + "directory that holds it to [models] classpath in retort.toml.");
    }

    private JpaModel load(List<Path> classpath, List<String> packages) {
        return new JpaModelSource(new JpaSettings(List.of(), classpath, packages, Naming.SNAKE_CASE,
                dir.resolve("cache"))).load();
    }

    /** Compiles the sources (one class each) into a directory of that name, against JPA and {@code classpath}. */
    private Path compile(String name, List<Path> classpath, String... sources) throws IOException {
        Path src = dir.resolve(name + "-src");
        List<String> args = new ArrayList<>();
        Path out = Files.createDirectories(dir.resolve(name));
        String path = Stream.concat(
                        Stream.of(Path.of(jakarta.persistence.Entity.class.getProtectionDomain().getCodeSource()
                                .getLocation().getPath())),
                        classpath.stream())
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        args.addAll(List.of("-d", out.toString(), "-cp", path, "-proc:none"));
        for (String source : sources) {
            String pkg = source.substring("package ".length(), source.indexOf(';'));
            String type = source.replaceFirst("(?s).*?public (?:abstract |final )?(?:class|enum) (\\w+).*", "$1");
            Path file = src.resolve(pkg.replace('.', '/')).resolve(type + ".java");
            Files.createDirectories(file.getParent());
            args.add(Files.writeString(file, source).toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        return out;
    }
}
