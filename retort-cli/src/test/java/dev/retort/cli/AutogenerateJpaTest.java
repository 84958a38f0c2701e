package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's example with a JPA entity: edit User.java, autogenerate, review, upgrade; and renames. */
class AutogenerateJpaTest {
    @TempDir
    Path dir;
    Cli cli;

    static String user(String fields) {
        return """
                package com.example.equipment;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "users")
                public class User {
                    @Id
                    @GeneratedValue(strategy = GenerationType.IDENTITY)
                    private Long id;

                    @Column(nullable = false, length = 255)
                    private String email;
                %s}
                """.formatted(fields);
    }

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example.equipment\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("src/main/java/com/example/equipment/User.java", user(""));
        cli.ok("revision", "--autogenerate", "-m", "create users table");
        cli.ok("upgrade", "head");
    }

    private Path generatedFile(Cli.Result r) {
        Matcher m = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(r.out());
        assertThat(m.find()).as(r.toString()).isTrue();
        return cli.project.resolve(m.group(1));
    }

    @Test
    void addUserPhoneNumber() throws IOException {
        cli.write("src/main/java/com/example/equipment/User.java", user("""

                    @Column(length = 20)
                    private String phoneNumber;
                """));
        assertThat(cli.run("check").exitCode()).isEqualTo(1);
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "add_user_phone_number");
        Path file = generatedFile(r);
        assertThat(file.getFileName().toString()).endsWith("_add_user_phone_number.java");
        String source = Files.readString(file);
        assertThat(source).contains("op.addColumn(\"users\", column(\"phone_number\", \"character varying(20)\"));")
                .contains("op.dropColumn(\"users\", \"phone_number\");")
                .contains("add column users.phone_number");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT data_type || ':' || character_maximum_length || ':' || is_nullable "
                + "FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'phone_number'"))
                .containsExactly("character varying:20:YES");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"))
                .containsExactlyInAnyOrder("id", "email");
    }

    @Test
    void rowLevelSecurityReplicaIdentityAndUnloggedSetByHandAreLeftAlone() {
        // Entities cannot say any of these; a team sets them in a migration of its own (with policies).
        cli.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY");
        cli.execute("ALTER TABLE users FORCE ROW LEVEL SECURITY");
        cli.execute("ALTER TABLE users REPLICA IDENTITY FULL");
        cli.execute("ALTER TABLE users SET UNLOGGED");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void joinAndCollectionTablesGetTheNamesASpringBootApplicationLooksFor() {
        cli.write("src/main/java/com/example/equipment/Category.java", """
                package com.example.equipment;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "product_categories")
                public class Category {
                    @Id @GeneratedValue private Long id;
                }
                """);
        cli.write("src/main/java/com/example/equipment/User.java", user("""

                    @ManyToMany private java.util.Set<Category> favouriteCategories;

                    @ElementCollection private java.util.Set<String> nickNames;
                """));
        cli.ok("revision", "--autogenerate", "-m", "favourites and nick names");
        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_name NOT IN ('users', 'product_categories', 'retort_version', 'retort_history')"))
                .containsExactlyInAnyOrder("users_favourite_categories", "user_nick_names");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aRenameConfirmedAtThePromptKeepsTheData() throws IOException {
        cli.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        cli.write("src/main/java/com/example/equipment/User.java", user("").replace("String email", "String emailAddress"));
        Cli.Result r = cli.runAnswering("y\n", "revision", "--autogenerate", "-m", "rename email");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Did you rename users.email to users.email_address? [y/N]");
        assertThat(Files.readString(generatedFile(r))).contains("rename").doesNotContain("dropColumn");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT email_address FROM users")).containsExactly("a@example.com");
    }

    @Test
    void aDeclinedRenameDropsAndAddsWithALoudWarning() throws IOException {
        cli.write("src/main/java/com/example/equipment/User.java", user("").replace("String email", "String emailAddress"));
        Cli.Result r = cli.runAnswering("n\n", "revision", "--autogenerate", "-m", "replace email");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String source = Files.readString(generatedFile(r));
        assertThat(source).contains("// WARNING:").contains("// DATA LOSS:").contains("dropColumn(\"users\", \"email\")");
        assertThat(r.err()).contains("can lose data");
    }

    @Test
    void renamedFromOnTheFieldNeedsNoQuestion() throws IOException {
        cli.execute("INSERT INTO users (email) VALUES ('b@example.com')");
        cli.write("src/main/java/com/example/equipment/User.java", user("")
                .replace("private String email;", "@dev.retort.RenamedFrom(\"email\")\n    private String emailAddress;"));
        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "rename email");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("Did you rename");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT email_address FROM users")).containsExactly("b@example.com");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aMistypedRenameIsRefusedInsteadOfDroppingTheColumn() throws IOException {
        cli.execute("INSERT INTO users (email) VALUES ('c@example.com')");
        cli.write("src/main/java/com/example/equipment/User.java", user("").replace("String email", "String emailAddress"));
        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "rename email", "--rename", "users.nope=email_address");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).as(r.toString()).startsWith("retort: --rename users.nope=email_address renames "
                + "nothing: table users of the database has no column nope.");
        assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
        try (var files = Files.list(cli.project.resolve("migrations/versions"))) {
            assertThat(files.count()).isEqualTo(1);
        }

        cli.ok("revision", "--autogenerate", "-m", "rename email", "--rename", "users.email=email_address");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT email_address FROM users")).containsExactly("c@example.com");
    }

    @Test
    void aTextColumnMappedAsAStringFailsOnAValueTooLongInsteadOfCuttingIt() throws IOException {
        // An explicit cast (USING body::character varying(255)) would cut the 300 characters to 255 without a word.
        cli.execute("CREATE TABLE notes (id bigint PRIMARY KEY, body text)");
        cli.execute("INSERT INTO notes VALUES (1, repeat('x', 300)), (2, 'short')");
        cli.write("src/main/java/com/example/equipment/Note.java", """
                package com.example.equipment;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "notes")
                public class Note {
                    @Id
                    private Long id;

                    private String body;
                }
                """);
        Path file = generatedFile(cli.ok("revision", "--autogenerate", "-m", "note model"));

        Cli.Result failed = cli.run("upgrade", "head");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("failed at statement `ALTER TABLE notes ALTER COLUMN body TYPE character "
                + "varying(255)`: ERROR: value too long for type character varying(255).").doesNotContain("\tat ");
        assertThat(cli.column("SELECT length(body) || ':' || pg_typeof(body) FROM notes ORDER BY id"))
                .containsExactly("300:text", "5:text");
        assertThat(Files.readString(file))
                .contains("op.alterColumn(\"notes\", \"body\").type(\"character varying(255)\");")
                .contains("// DATA LOSS: alter column notes.body: type text -> character varying(255)")
                .contains("// WARNING: notes.body changes from text to character varying(255): a value longer than "
                        + "255 characters")
                .doesNotContain("::character varying");

        cli.execute("UPDATE notes SET body = left(body, 255) WHERE id = 1");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT length(body) || ':' || pg_typeof(body) FROM notes ORDER BY id"))
                .containsExactly("255:character varying", "5:character varying");
    }

    @Test
    void aCommentWithAnApostropheOnATableWhoseNameHasASpaceIsRepairedToo() {
        cli.write("src/main/java/com/example/equipment/Note.java", """
                package com.example.equipment;

                import jakarta.persistence.*;

                @Entity @Table(name = "\\"my notes\\"") @org.hibernate.annotations.Comment("it's a \\\\ b $$")
                public class Note {
                    @Id private Long id;
                    @Column(name = "\\"the text\\"") @org.hibernate.annotations.Comment("don't") private String text;
                }
                """);
        cli.ok("revision", "--autogenerate", "-m", "notes");
        cli.ok("upgrade", "head");

        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT obj_description('\"my notes\"'::regclass, 'pg_class')")).containsExactly(
                "it's a \\ b $$");
    }

    @Test
    void refusesWhenTheDatabaseIsNotAtHead() {
        cli.ok("downgrade", "base");
        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "too early");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("not up to date").contains("retort upgrade head");
    }

    @Test
    void sqlPreviewWritesNoFile() throws IOException {
        cli.write("src/main/java/com/example/equipment/User.java", user("\n    private Integer age;\n"));
        long before;
        try (var files = Files.list(cli.project.resolve("migrations/versions"))) {
            before = files.count();
        }
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "age", "--sql");
        assertThat(r.out()).contains("ALTER TABLE users ADD COLUMN age integer;");
        try (var files = Files.list(cli.project.resolve("migrations/versions"))) {
            assertThat(files.count()).isEqualTo(before);
        }
    }

    @Test
    void anEnumStoredAsStringIsStableAfterUpgrade() {
        cli.write("src/main/java/com/example/equipment/Status.java",
                "package com.example.equipment;\n\npublic enum Status { ACTIVE, SUSPENDED }\n");
        cli.write("src/main/java/com/example/equipment/User.java", user("""

                    @Enumerated(EnumType.STRING)
                    @Column(length = 20)
                    private Status status;
                """));
        cli.ok("revision", "--autogenerate", "-m", "user status");
        cli.ok("upgrade", "head");
        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No differences");
    }
}
