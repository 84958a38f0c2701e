package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entities that are already compiled, in a classes directory or a jar, are found and mapped. */
class ClasspathTest {
    private Path dir;
    private Path classes;

    @BeforeEach
    void compileEntities(@TempDir Path dir) throws IOException {
        this.dir = dir;
        EntityProject project = new EntityProject(dir)
                .entity("Customer", """
                        @Entity public class Customer {
                            @Id @GeneratedValue private Long id;
                            @Embedded private Address address;
                            @RenamedFrom("fullName") private String name;
                        }
                        """)
                .entity("Address", "@Embeddable public class Address { private String city; }\n")
                .entity("Holder", """
                        /** Uses the annotation type as a field type, so its class file names the descriptor. */
                        public class Holder { public Entity entity; }
                        """)
                .write("com/example/billing/Invoice.java", """
                        package com.example.billing;

                        @jakarta.persistence.Entity
                        public class Invoice { @jakarta.persistence.Id private Long id; }
                        """);
        classes = compile(project, dir.resolve("classes"));
    }

    /** Compiles every source of the project into {@code classes}, as the application's build does. */
    private static Path compile(EntityProject project, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<String> sources;
        try (Stream<Path> walk = Files.walk(project.sources)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = EntityCompiler.classpath(project.settings(Naming.SNAKE_CASE)).stream()
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath, "-proc:none"));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        return classes;
    }

    @Test
    void entitiesInAClassesDirectoryAreMapped() {
        JpaModel model = load(classes, List.of());

        assertThat(statement(model, "create table customer (")).contains("city varchar(255)", "name varchar(255)");
        assertThat(statement(model, "create table invoice (")).contains("id bigint not null");
        assertThat(model.columnRenames()).containsEntry("customer.name", "full_name");
    }

    @Test
    void entitiesInAJarAreMapped() throws IOException {
        Path jar = jar(classes, dir.resolve("entities.jar"));

        JpaModel model = load(jar, List.of());

        assertThat(model.statements()).anySatisfy(s -> assertThat(s).startsWith("create table customer ("))
                .anySatisfy(s -> assertThat(s).startsWith("create table invoice ("));
    }

    @Test
    void theGeneratorsOfAPackageInfoOnTheClasspathAreTheOnesItsEntitiesUse() throws IOException {
        Path numbered = numberedByAPackageGenerator();
        assertThat(numbered.resolve("com/example/numbered/package-info.class")).isRegularFile();

        for (Path entry : List.of(numbered, jar(numbered, dir.resolve("numbered.jar")))) {
            JpaModel model = load(entry, List.of());

            assertThat(model.statements()).contains("create sequence s1 start with 1 increment by 1")
                    .noneSatisfy(s -> assertThat(s).contains("sequence gen "));
            assertThat(model.idSequences()).containsEntry("ticket.id", "s1");
        }
    }

    /** The compiled classes of an entity whose generator its package-info declares (sequence s1). */
    private Path numberedByAPackageGenerator() throws IOException {
        EntityProject project = new EntityProject(dir.resolve("numbered"))
                .write("com/example/numbered/package-info.java", """
                        @GenericGenerator(name = "gen", type = SequenceStyleGenerator.class, parameters = {
                                @Parameter(name = "sequence_name", value = "s1"),
                                @Parameter(name = "increment_size", value = "1")})
                        package com.example.numbered;

                        import org.hibernate.annotations.GenericGenerator;
                        import org.hibernate.annotations.Parameter;
                        import org.hibernate.id.enhanced.SequenceStyleGenerator;
                        """)
                .write("com/example/numbered/Ticket.java", """
                        package com.example.numbered;

                        import jakarta.persistence.*;

                        @Entity public class Ticket { @Id @GeneratedValue(generator = "gen") private Long id; }
                        """);
        Path numbered = compile(project, dir.resolve("numbered-classes"));
        return numbered;
    }

    /** A package a persistence unit lists, as Hibernate registers it: by the package-info among its classes. */
    @Test
    void aPackageAPersistenceUnitListsIsRegisteredFromTheClasspath() throws IOException {
        Path numbered = numberedByAPackageGenerator();
        Files.createDirectories(numbered.resolve("META-INF"));
        Files.writeString(numbered.resolve("META-INF/persistence.xml"), """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="tickets">
                    <class>com.example.numbered.Ticket</class>
                    <class>com.example.numbered</class>
                    <exclude-unlisted-classes/>
                  </persistence-unit>
                </persistence>
                """);

        JpaModel model = load(numbered, List.of());

        assertThat(model.statements()).contains("create sequence s1 start with 1 increment by 1")
                .noneSatisfy(s -> assertThat(s).contains("sequence gen "));
        assertThat(model.idSequences()).containsEntry("ticket.id", "s1");
    }

    /**
     * A listed package of classes without a package-info gives Hibernate nothing to register: it takes the entry and
     * goes on, from a classes directory and from a jar (whose entries name no directories), and so does Retort.
     */
    @Test
    void aListedPackageWithoutAPackageInfoOnTheClasspathRegistersNothing() throws IOException {
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/persistence.xml"), """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="billing">
                    <class>com.example.Customer</class>
                    <class>com.example.Address</class>
                    <class>com.example.billing</class>
                    <exclude-unlisted-classes/>
                  </persistence-unit>
                </persistence>
                """);
        assertThat(classes.resolve("com/example/billing/package-info.class")).doesNotExist();

        for (Path entry : List.of(classes, jar(classes, dir.resolve("billing.jar")))) {
            JpaModel model = load(entry, List.of());

            assertThat(model.ddl()).contains("create table customer (").doesNotContain("invoice");
        }
    }

    @Test
    void packagesLimitWhichEntitiesAreMapped() throws IOException {
        Path jar = jar(classes, dir.resolve("entities.jar"));

        JpaModel model = load(jar, List.of("com.example.billing"));

        assertThat(model.ddl()).contains("create table invoice (").doesNotContain("customer");
    }

    @Test
    void aRebuiltJarInvalidatesTheCache() throws IOException {
        Path jar = jar(classes, dir.resolve("entities.jar"));
        load(jar, List.of());
        Files.delete(classes.resolve("com/example/billing/Invoice.class"));
        jar(classes, jar);

        JpaModel model = load(jar, List.of());

        assertThat(model.ddl()).doesNotContain("invoice");
    }

    @Test
    void aJarRebuiltToItsSizeAndTimeInvalidatesTheCache() throws IOException {
        // A reproducible build gives a jar its time back, and a link retargeted to another jar of the Nix store
        // (where every file's time is 1) finds the same time; a jar of the same size is then a different jar only
        // by its ctime.
        Path jar = jar(classes, dir.resolve("entities.jar"));
        long size = Files.size(jar);
        FileTime time = FileTime.fromMillis(1_000);
        Files.setLastModifiedTime(jar, time);
        assertThat(load(jar, List.of()).ddl()).contains("invoice");
        Files.delete(classes.resolve("com/example/billing/Invoice.class"));
        Path rebuilt = jar(classes, dir.resolve("rebuilt.jar"));
        jar(classes, rebuilt, "x".repeat((int) (size - Files.size(rebuilt))));
        Files.write(jar, Files.readAllBytes(rebuilt));
        Files.setLastModifiedTime(jar, time);
        assertThat(Files.size(jar)).isEqualTo(size);

        JpaModel model = load(jar, List.of());

        assertThat(model.ddl()).doesNotContain("invoice");
    }

    @Test
    void aDirectoryStarStandsForTheJarsInIt() throws IOException {
        // As mvn dependency:copy-dependencies leaves them, for one entry instead of one per jar.
        Path lib = Files.createDirectories(dir.resolve("target/dependency"));
        jar(classes, lib.resolve("entities.jar"));
        Files.writeString(lib.resolve("notes.txt"), "not a jar");

        JpaModel model = load(lib.resolve("*"), List.of());

        assertThat(model.ddl()).contains("create table customer (", "create table invoice (");
        Files.delete(lib.resolve("entities.jar"));
        assertThatThrownBy(() -> load(lib.resolve("*"), List.of())).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("No @Entity classes found in " + lib.resolve("*"));
    }

    /** A persistence unit's jar-file, relative to the directory that holds its root, is scanned with the root. */
    @Test
    void entitiesInAJarFileOfThePersistenceUnitAreMapped() throws IOException {
        Path root = Files.createDirectories(dir.resolve("app/classes/META-INF"));
        Files.writeString(root.resolve("persistence.xml"), """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="shop">
                    <jar-file>lib/model.jar</jar-file>
                    <exclude-unlisted-classes/>
                  </persistence-unit>
                </persistence>
                """);
        jar(classes, Files.createDirectories(dir.resolve("app/lib")).resolve("model.jar"));

        JpaModel model = load(root.getParent(), List.of());

        assertThat(model.statements()).anySatisfy(s -> assertThat(s).startsWith("create table customer ("))
                .anySatisfy(s -> assertThat(s).startsWith("create table invoice ("));
    }

    @Test
    void aDirectoryStarOfAMissingDirectoryIsReported() {
        Path missing = dir.resolve("target/dependency/*");

        assertThatThrownBy(() -> load(missing, List.of())).isInstanceOf(JpaModelException.class)
                .hasMessage("[models] classpath names " + missing + ", but " + missing.getParent() + " is not a "
                        + "directory; build it first (for Maven, mvn dependency:copy-dependencies fills "
                        + "target/dependency), or fix [models] classpath in retort.toml.");
    }

    @Test
    void aMissingClasspathEntryIsReportedByPath() {
        Path missing = dir.resolve("target/classes");

        assertThatThrownBy(() -> load(missing, List.of())).isInstanceOf(JpaModelException.class)
                .hasMessage("The classpath entry " + missing.toAbsolutePath() + " does not exist; fix [models] "
                        + "classpath in retort.toml or build the classes first.");
    }

    /**
     * A persistence unit names its own entities, so the classpath holds only what they need: a missing entry (the
     * Bean Validation provider's jar, say) went unnoticed and changed the schema.
     */
    @Test
    void aMissingClasspathEntryBesideAPersistenceUnitIsReported() throws IOException {
        Path root = Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(root.resolve("persistence.xml"), """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="shop"/>
                </persistence>
                """);
        Path missing = dir.resolve("lib/hibernate-validator.jar");
        JpaSettings settings = new JpaSettings(List.of(), List.of(classes, missing), List.of(), Naming.SNAKE_CASE,
                dir.resolve("cache"));

        assertThatThrownBy(() -> new JpaModelSource(settings).load()).isInstanceOf(JpaModelException.class)
                .hasMessage("The classpath entry " + missing.toAbsolutePath() + " does not exist; fix [models] "
                        + "classpath in retort.toml or build the classes first.");
    }

    private JpaModel load(Path entry, List<String> packages) {
        JpaSettings settings = new JpaSettings(List.of(), List.of(entry), packages, Naming.SNAKE_CASE,
                dir.resolve("cache"));
        return new JpaModelSource(settings).load();
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        return jar(classes, jar, "");
    }

    /** Packs {@code classes} into {@code jar}, whose comment is {@code comment}. */
    private static Path jar(Path classes, Path jar, String comment) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
            zip.setComment(comment);
        }
        return jar;
    }
}
