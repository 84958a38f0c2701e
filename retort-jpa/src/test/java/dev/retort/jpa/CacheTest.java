package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unchanged entities are answered from the cache without javac or Hibernate; any change is noticed. */
class CacheTest {
    private EntityProject project;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir)
                .entity("Status", "public enum Status { ACTIVE, BLOCKED }\n")
                .entity("Account", """
                        @Entity @RenamedFrom("Client") public class Account {
                            @Id @GeneratedValue private Long id;
                            @Enumerated(EnumType.STRING) private Status status;
                            @Comment("line one\\nline two\\tand a tab") private String note;
                        }
                        """);
    }

    @Test
    void aSecondLoadOfUnchangedSourcesNeitherCompilesNorBootsHibernate() {
        JpaModelSource first = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        JpaModel cold = first.load();
        assertThat(first.compilations()).isEqualTo(1);
        assertThat(first.hibernateBoots()).isEqualTo(1);

        JpaModelSource second = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        JpaModel warm = second.load();

        assertThat(second.compilations()).isZero();
        assertThat(second.hibernateBoots()).isZero();
        assertThat(warm).isEqualTo(cold);
        assertThat(warm.tableRenames()).containsEntry("account", "client");
        assertThat(warm.owners()).containsEntry("account", "com.example.Account")
                .containsEntry("account.status", "com.example.Account.status");
        assertThat(warm.idSequences()).containsEntry("account.id", "account_seq");
        assertThat(warm.ddl()).contains("'line one\nline two\tand a tab'");
    }

    @Test
    void theCacheEntryHoldsTheClassesAndTheModel() throws IOException {
        project.load();

        try (Stream<Path> entries = Files.list(project.cache)) {
            List<Path> keys = entries.toList();
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0).getFileName().toString()).matches("[0-9a-f]{32}");
            assertThat(keys.get(0).resolve("classes/com/example/Account.class")).isRegularFile();
            assertThat(keys.get(0).resolve("classes/com/example/Status.class")).isRegularFile();
            assertThat(Files.readString(keys.get(0).resolve("model.txt"))).startsWith("retort-jpa-model 5\nddl\t");
        }
    }

    @Test
    void anEntryWrittenForTheSourcesAsLastModifiedAnotherTimeIsNotUsed() throws IOException {
        // A clone gives every file the time of its checkout: an entry a hostile repository committed under
        // .retort/cache/entities, under the key of its sources, is another's model and classes.
        JpaModel reviewed = project.load();
        Path model;
        try (Stream<Path> entries = Files.list(project.cache)) {
            model = entries.findFirst().orElseThrow().resolve("model.txt");
        }
        Files.writeString(model, Files.readString(model).replace("account", "hostile"));
        JpaModelSource tampered = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        assertThat(tampered.load().ddl()).contains("hostile");
        assertThat(tampered.compilations()).isZero();

        try (Stream<Path> files = Files.walk(project.sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T03:04:05.123456789Z")));
            }
        }
        JpaModelSource cloned = new JpaModelSource(project.settings(Naming.SNAKE_CASE));

        assertThat(cloned.load()).isEqualTo(reviewed);
        assertThat(cloned.compilations()).isEqualTo(1);
    }

    @Test
    void anEntryThatCameWithSourcesCopiedWithTheirTimesIsNotUsed() throws IOException {
        // tar x of a pax archive (which keeps the nanoseconds its author chose), cp -a and rsync -a give the files
        // their times back: the entry that came with them, under the key of their sources, is another's.
        JpaModel reviewed = project.load();
        tamperModel();
        copyKeepingTimes();
        JpaModelSource copied = new JpaModelSource(project.settings(Naming.SNAKE_CASE));

        assertThat(copied.load()).isEqualTo(reviewed);
        assertThat(copied.compilations()).isEqualTo(1);
    }

    @Test
    void anEntryThatCameWithSourcesCopiedWithTheirTimesServesNoEditOfASourceJavacDidNotRead() throws IOException {
        // The sources javac read are recorded with their stat too: a copy keeping their times is not them.
        project.write("com/example/AccountService.java", service("return 1;"));
        JpaModel reviewed = project.load();
        tamperModel();
        copyKeepingTimes();
        project.write("com/example/AccountService.java", service("return 2;"));
        JpaModelSource copied = new JpaModelSource(project.settings(Naming.SNAKE_CASE));

        assertThat(copied.load()).isEqualTo(reviewed);
        assertThat(copied.compilations()).isEqualTo(1);
    }

    private void tamperModel() throws IOException {
        Path model;
        try (Stream<Path> entries = Files.list(project.cache)) {
            model = entries.findFirst().orElseThrow().resolve("model.txt");
        }
        Files.writeString(model, Files.readString(model).replace("account", "hostile"));
    }

    /** Puts in each source's place a copy of it with its time, as unpacking the project from an archive does. */
    private void copyKeepingTimes() throws IOException {
        try (Stream<Path> files = Files.walk(project.sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                FileTime time = Files.getLastModifiedTime(file);
                Path archived = Files.move(file, file.resolveSibling(file.getFileName() + ".archived"));
                Files.copy(archived, file, StandardCopyOption.COPY_ATTRIBUTES);
                Files.setLastModifiedTime(file, time);
                Files.delete(archived);
                assertThat(Files.getLastModifiedTime(file)).isEqualTo(time);
            }
        }
    }

    /**
     * git archive (a release tarball) stamps every file with the commit's time, a whole second that whoever commits
     * chooses: an entry written for those times (and a path the archive is likely unpacked at) may have come with it.
     */
    @Test
    void anEntryForSourcesTimedToTheSecondIsNotUsed() throws IOException {
        try (Stream<Path> files = Files.walk(project.sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
            }
        }
        JpaModel reviewed = project.load();
        Path model;
        try (Stream<Path> entries = Files.list(project.cache)) {
            model = entries.findFirst().orElseThrow().resolve("model.txt");
        }
        Files.writeString(model, Files.readString(model).replace("account", "hostile"));
        JpaModelSource unpacked = new JpaModelSource(project.settings(Naming.SNAKE_CASE));

        assertThat(unpacked.load()).isEqualTo(reviewed);
        assertThat(unpacked.compilations()).isEqualTo(1);
    }

    @Test
    void changingAnEntityInvalidatesTheCache() {
        JpaModel before = project.load();
        project.entity("Account", """
                @Entity public class Account {
                    @Id @GeneratedValue private Long id;
                    @Column(length = 20) private String phoneNumber;
                }
                """);

        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        JpaModel after = source.load();

        assertThat(source.compilations()).isEqualTo(1);
        assertThat(source.hibernateBoots()).isEqualTo(1);
        assertThat(after.ddl()).contains("phone_number varchar(20)").isNotEqualTo(before.ddl());
        assertThat(after.tableRenames()).isEmpty();
    }

    @Test
    void editingAPackageInfoThatDeclaresAGeneratorInvalidatesTheCache() {
        project.write("com/example/package-info.java", packageInfo("s1"))
                .entity("Ticket", """
                        @Entity public class Ticket { @Id @GeneratedValue(generator = "gen") private Long id; }
                        """);
        assertThat(project.load().statements()).contains("create sequence s1 start with 1 increment by 1");
        project.write("com/example/package-info.java", packageInfo("s2"));

        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        JpaModel after = source.load();

        assertThat(source.compilations()).isEqualTo(1);
        assertThat(after.statements()).contains("create sequence s2 start with 1 increment by 1")
                .noneSatisfy(s -> assertThat(s).contains("s1"));
        assertThat(after.idSequences()).containsEntry("ticket.id", "s2");
    }

    private static String packageInfo(String sequence) {
        return """
                @GenericGenerator(name = "gen", type = SequenceStyleGenerator.class, parameters = {
                        @Parameter(name = "sequence_name", value = "%s"),
                        @Parameter(name = "increment_size", value = "1")})
                package com.example;

                import org.hibernate.annotations.GenericGenerator;
                import org.hibernate.annotations.Parameter;
                import org.hibernate.id.enhanced.SequenceStyleGenerator;
                """.formatted(sequence);
    }

    @Test
    void changingAReferencedTypeThatIsNoEntityInvalidatesTheCache() {
        project.load();
        project.entity("Status", "public enum Status { ACTIVE, BLOCKED, ARCHIVED }\n");

        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        JpaModel after = source.load();

        assertThat(source.hibernateBoots()).isEqualTo(1);
        assertThat(after.ddl()).contains("check (status in ('ACTIVE','BLOCKED','ARCHIVED'))");
    }

    @Test
    void editingASourceNoEntityUsesReusesTheModel() {
        project.write("com/example/AccountService.java", service("return 1;"));
        JpaModel before = project.load();
        project.write("com/example/AccountService.java", service("return 2;"));

        JpaModelSource edited = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        assertThat(edited.load()).isEqualTo(before);
        JpaModelSource again = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        assertThat(again.load()).isEqualTo(before);

        assertThat(edited.compilations()).isZero();
        assertThat(edited.hibernateBoots()).isZero();
        assertThat(again.compilations()).isZero();
    }

    @Test
    void aSourceThatComesToDeclareAMappingIsCompiled() {
        project.write("com/example/AccountService.java", service("return 1;"));
        project.load();
        project.entity("AccountService", "@Entity public class AccountService { @Id private Long id; }\n");

        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));

        assertThat(source.load().ddl()).contains("create table account_service (");
        assertThat(source.compilations()).isEqualTo(1);
    }

    @Test
    void aSourceAddedWhereJavacLooksATypeUpIsCompiled() {
        // Account's Level comes from an import on demand until a Level of its own package shadows it: no file that
        // javac read changed, but a name now means another type.
        project.write("com/other/Level.java", "package com.other; public enum Level { LOW, HIGH }\n")
                .write("com/example/Account.java", """
                        package com.example;

                        import com.other.*;
                        import jakarta.persistence.*;

                        @Entity public class Account {
                            @Id private Long id;
                            @Enumerated(EnumType.STRING) private Level level;
                        }
                        """);
        assertThat(project.load().ddl()).contains("'LOW','HIGH'");
        project.write("com/example/Level.java", "package com.example; public enum Level { MINOR, MAJOR }\n");

        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));

        assertThat(source.load().ddl()).contains("'MINOR','MAJOR'");
        assertThat(source.compilations()).isEqualTo(1);
    }

    @Test
    void aLinkedSourceRootIsCompiledAndItsUnreadSourcesEditedReuseTheModel(@TempDir Path linkDir) throws IOException {
        project.write("com/example/AccountService.java", service("return 1;"));
        Path linked = Files.createSymbolicLink(linkDir.resolve("sources"), project.sources);
        JpaSettings settings = new JpaSettings(List.of(linked), List.of(), List.of(), Naming.SNAKE_CASE, project.cache);
        assertThat(new JpaModelSource(settings).load().ddl()).contains("create table account (");
        project.write("com/example/AccountService.java", service("return 2;"));

        JpaModelSource edited = new JpaModelSource(settings);

        assertThat(edited.load().ddl()).contains("create table account (");
        assertThat(edited.compilations()).isZero();
    }

    @Test
    void aConstantEditedInALinkedPackageDirectoryIsSeen(@TempDir Path shared) throws IOException {
        // javac follows a linked directory on its source path; so must the walk that keys the cache.
        Path consts = Files.createDirectories(shared.resolve("consts"));
        Files.writeString(consts.resolve("Sizes.java"), sizes(50));
        Files.createSymbolicLink(project.sources.resolve("com/example/consts"), consts);
        project.entity("Label", """
                @Entity public class Label {
                    @Id private Long id;
                    @Column(length = com.example.consts.Sizes.LABEL) private String text;
                }
                """);
        assertThat(project.load().ddl()).contains("text varchar(50)");
        Files.writeString(consts.resolve("Sizes.java"), sizes(80));

        assertThat(project.load().ddl()).contains("text varchar(80)");
    }

    @Test
    void aSourceEditedAfterItsClassWasBuiltOntoTheClasspathIsRead(@TempDir Path build) throws IOException {
        // With both a source and a newer class file of a type, javac would read the class file, and the record of
        // what it read would leave the source out: the source's later edit would then serve the old model.
        Path classes = Files.createDirectories(build.resolve("classes"));
        project.write("com/example/consts/Sizes.java", sizes(50))
                .entity("Label", """
                        @Entity public class Label {
                            @Id private Long id;
                            @Column(length = com.example.consts.Sizes.LABEL) private String text;
                        }
                        """);
        Path source = project.sources.resolve("com/example/consts/Sizes.java");
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
        JpaSettings settings = new JpaSettings(List.of(project.sources), List.of(classes), List.of(),
                Naming.SNAKE_CASE, project.cache);
        assertThat(new JpaModelSource(settings).load().ddl()).contains("text varchar(50)");
        Files.writeString(source, sizes(80));

        assertThat(new JpaModelSource(settings).load().ddl()).contains("text varchar(80)");
    }

    private static String sizes(int label) {
        return "package com.example.consts; public class Sizes { public static final int LABEL = " + label + "; }\n";
    }

    private static String service(String body) {
        return "package com.example; public class AccountService { int count() { " + body + " } }\n";
    }

    @Test
    void changingTheNamingInvalidatesTheCache() {
        project.load(Naming.SNAKE_CASE);

        JpaModelSource source = new JpaModelSource(project.settings(Naming.JPA));
        JpaModel jpa = source.load();

        assertThat(source.hibernateBoots()).isEqualTo(1);
        assertThat(jpa.ddl()).contains("create table Account (");
    }

    @Test
    void changingAHibernatePropertyInvalidatesTheCache() {
        project.load(Naming.SNAKE_CASE);

        JpaModelSource source = new JpaModelSource(new JpaSettings(List.of(project.sources), List.of(), List.of(),
                Naming.SNAKE_CASE, project.cache, Optional.empty(), Optional.empty(), true, Optional.empty(),
                List.of(), Map.of("hibernate.globally_quoted_identifiers", "true")));
        JpaModel quoted = source.load();

        assertThat(source.hibernateBoots()).isEqualTo(1);
        assertThat(quoted.ddl()).contains("create table \"account\" (");
    }

    @Test
    void compiledClassesAreReusedWhenOnlyTheModelFileIsMissing() throws IOException {
        project.load();
        Path entry;
        try (Stream<Path> entries = Files.list(project.cache)) {
            entry = entries.findFirst().orElseThrow();
        }
        Files.delete(entry.resolve("model.txt"));

        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        source.load();

        assertThat(source.compilations()).isZero();
        assertThat(source.hibernateBoots()).isEqualTo(1);
    }

    @Test
    void aDamagedModelFileIsRebuiltNotReported() throws IOException {
        JpaModel cold = project.load();
        Path entry;
        try (Stream<Path> entries = Files.list(project.cache)) {
            entry = entries.findFirst().orElseThrow();
        }
        Files.writeString(entry.resolve("model.txt"), "retort-jpa-model 1\nddl\tcreate table half");

        JpaModelSource source = new JpaModelSource(project.settings(Naming.SNAKE_CASE));

        assertThat(source.load()).isEqualTo(cold);
        assertThat(source.hibernateBoots()).isEqualTo(1);
    }
}
