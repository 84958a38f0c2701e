package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A renamed entity takes the tables named after it along, under either naming, with their rows: upgraded with rows
 * present, compared again, downgraded.
 */
class RenamedEntityTablesTest {
    @TempDir
    Path dir;

    private Cli project(String naming) {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\nnaming = \"" + naming + "\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        return cli;
    }

    private static String entity(String header, String body) {
        return """
                package com.example;

                import jakarta.persistence.*;
                import java.util.*;

                %s
                %s
                """.formatted(header, body);
    }

    private static String book(String authorClass) {
        return entity("@Entity @Table(name = \"books\")", """
                public class Book {
                    @Id @GeneratedValue private Long id;
                    private String title;
                    @ManyToMany(mappedBy = "books") private Set<%s> authors;
                }
                """.formatted(authorClass));
    }

    private static String author(String header, String name) {
        return entity(header, """
                public class %s {
                    @Id @GeneratedValue private Long id;
                    private String name;
                    @ElementCollection private Set<String> aliases;
                    @ManyToMany private Set<Book> books;
                }
                """.formatted(name));
    }

    /** The rows of the tables, named as the test knows them: each line a table and what it holds. */
    private static void writeTag(Cli cli) {
        cli.write("src/main/java/com/example/Tag.java", entity("@Entity @Table(name = \"tags\")",
                "public class Tag { @Id @GeneratedValue private Long id; private String label; }\n"));
    }

    /** Generates and applies the first revision, then adds Ann, her alias A. and her tag x. */
    private static void upgradeWithAnAuthorItsAliasAndTag(Cli cli) {
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO authors (id, name) VALUES (1, 'Ann')");
        cli.execute("INSERT INTO tags (id, label) VALUES (1, 'x')");
        cli.execute("INSERT INTO author_aliases (author_id, aliases, aliases_order) VALUES (1, 'A.', 0)");
        cli.execute("INSERT INTO authors_tags (author_id, tags_id) VALUES (1, 1)");
    }

    private static String rows(Cli cli, String authors, String aliases, String join) {
        String column = aliases.endsWith("nicknames") ? "nicknames" : "aliases";
        return String.join("\n", cli.column("SELECT name FROM " + authors))
                + " | " + String.join(",", cli.column("SELECT " + column + " FROM " + aliases))
                + " | " + cli.column("SELECT count(*) FROM " + join).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snake_case", "jpa"})
    void theCollectionTablesOfAnEntityRenamedWithItsTableKeepTheirRows(String naming) {
        Cli cli = project(naming);
        cli.write("src/main/java/com/example/Author.java", author("@Entity @Table(name = \"authors\")", "Author"));
        cli.write("src/main/java/com/example/Book.java", book("Author"));
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO authors (id, name) VALUES (1, 'Ann')");
        cli.execute("INSERT INTO books (id, title) VALUES (1, 'Tales')");
        cli.execute("INSERT INTO author_aliases VALUES (1, 'A.')");
        cli.execute("INSERT INTO authors_books VALUES (1, 1)");

        cli.write("src/main/java/com/example/Writer.java",
                author("@Entity @Table(name = \"writers\") @dev.retort.RenamedFrom(\"authors\")", "Writer"));
        cli.write("src/main/java/com/example/Book.java", book("Writer"));
        deleteAuthor(cli);
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "writers");

        assertThat(r.err()).contains("rename table author_aliases to writer_aliases",
                "rename table authors_books to writers_books")
                .doesNotContain("Detected drop table", "Detected create table");
        cli.ok("upgrade", "head");
        assertThat(rows(cli, "writers", "writer_aliases", "writers_books")).isEqualTo("Ann | A. | 1");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(rows(cli, "authors", "author_aliases", "authors_books")).isEqualTo("Ann | A. | 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@dev.retort.RenamedFrom(\"authors\")", "--rename authors=sales.writers"})
    void anEntityMovedToAnotherSchemaAndRenamedInOneRevisionKeepsItsRows(String how) {
        Cli cli = project("snake_case");
        cli.write("src/main/java/com/example/Author.java", author("@Entity @Table(name = \"authors\")", "Author"));
        cli.write("src/main/java/com/example/Book.java", book("Author"));
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO authors (id, name) VALUES (1, 'Ann')");
        cli.execute("INSERT INTO books (id, title) VALUES (1, 'Tales')");
        cli.execute("INSERT INTO author_aliases VALUES (1, 'A.')");
        cli.execute("INSERT INTO authors_books VALUES (1, 1)");

        boolean annotated = how.startsWith("@");
        cli.write("src/main/java/com/example/Writer.java", author("@Entity @Table(name = \"writers\", schema = "
                + "\"sales\")" + (annotated ? " " + how : ""), "Writer"));
        cli.write("src/main/java/com/example/Book.java", book("Writer"));
        deleteAuthor(cli);
        Cli.Result r = annotated ? cli.ok("revision", "--autogenerate", "-m", "writers")
                : cli.ok("revision", "--autogenerate", "-m", "writers", "--rename",
                        how.substring("--rename ".length()));

        assertThat(r.err()).contains("move table authors to schema sales", "rename table sales.authors to writers",
                "rename table author_aliases to writer_aliases", "rename sequence authors_seq to writers_seq")
                .doesNotContain("Detected drop table", "Detected create table");
        cli.ok("upgrade", "head");
        assertThat(rows(cli, "sales.writers", "writer_aliases", "writers_books")).isEqualTo("Ann | A. | 1");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(rows(cli, "authors", "author_aliases", "authors_books")).isEqualTo("Ann | A. | 1");
        assertThat(cli.column("SELECT count(*) FROM pg_namespace WHERE nspname = 'sales'")).containsExactly("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"snake_case", "jpa"})
    void anEntityRenamedWithoutItsTableTakesTheTablesAndColumnsNamedAfterItAlong(String naming) {
        Cli cli = project(naming);
        String tag = entity("@Entity @Table(name = \"tags\")",
                "public class Tag { @Id @GeneratedValue private Long id; private String label; }\n");
        String author = entity("@Entity @Table(name = \"authors\")", """
                public class Author {
                    @Id @GeneratedValue private Long id;
                    private String name;
                    @ElementCollection private Set<String> aliases;
                    @ManyToMany private Set<Tag> tags;
                }
                """);
        cli.write("src/main/java/com/example/Tag.java", tag);
        cli.write("src/main/java/com/example/Author.java", author);
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO authors (id, name) VALUES (1, 'Ann')");
        cli.execute("INSERT INTO tags (id, label) VALUES (1, 'x')");
        cli.execute("INSERT INTO author_aliases VALUES (1, 'A.')");
        cli.execute("INSERT INTO authors_tags (author_id, tags_id) VALUES (1, 1)");

        cli.write("src/main/java/com/example/Writer.java", author.replace("class Author", "class Writer")
                .replace("@Entity", "@dev.retort.RenamedFrom(\"Author\") @Entity"));
        deleteAuthor(cli);
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "writers");

        assertThat(r.err()).contains("rename table author_aliases to writer_aliases",
                "rename column writer_aliases.author_id to writer_id",
                "rename column authors_tags.author_id to writer_id")
                .doesNotContain("Detected drop", "Detected create table", "Detected add column");
        cli.ok("upgrade", "head");
        assertThat(rows(cli, "authors", "writer_aliases", "authors_tags WHERE writer_id = 1"))
                .isEqualTo("Ann | A. | 1");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(rows(cli, "authors", "author_aliases", "authors_tags WHERE author_id = 1"))
                .isEqualTo("Ann | A. | 1");
    }

    /**
     * Hibernate names the join table after the entity's table and its join column after the entity, which change
     * differently when {@code pupil} becomes {@code learners} and the class {@code Pupil} becomes {@code Learner};
     * with an element collection or without, whose table is named after the entity too.
     */
    @ParameterizedTest
    @CsvSource({"snake_case, false", "snake_case, true", "jpa, false", "jpa, true"})
    void theJoinTableOfAnEntityRenamedToATableNamedOtherwiseKeepsItsRows(String naming, boolean nicknames) {
        Cli cli = project(naming);
        cli.write("src/main/java/com/example/Course.java", entity("@Entity @Table(name = \"courses\")",
                "public class Course { @Id @GeneratedValue private Long id; private String title; }\n"));
        String pupil = entity("@Entity %s", """
                public class %s {
                    @Id @GeneratedValue private Long id;
                    private String name;
                    @ElementCollection private Set<String> nicknames;
                    @ManyToMany private Set<Course> favourites;
                }
                """.replace(nicknames ? "" : "@ElementCollection private Set<String> nicknames;", ""));
        cli.write("src/main/java/com/example/Pupil.java", pupil.formatted("", "Pupil"));
        cli.ok("revision", "--autogenerate", "-m", "pupils");
        cli.ok("upgrade", "head");
        // Spring Boot names the join table after the owning table and the attribute, JPA after both tables.
        String oldJoin = naming.equals("snake_case") ? "pupil_favourites" : "pupil_courses";
        String newJoin = naming.equals("snake_case") ? "learners_favourites" : "learners_courses";
        cli.execute("INSERT INTO pupil (id, name) VALUES (1, 'Ann')");
        cli.execute("INSERT INTO courses (id, title) VALUES (1, 'Latin')");
        cli.execute("INSERT INTO " + oldJoin + " (pupil_id, favourites_id) VALUES (1, 1)");
        if (nicknames) {
            cli.execute("INSERT INTO pupil_nicknames (pupil_id, nicknames) VALUES (1, 'A.')");
        }

        cli.write("src/main/java/com/example/Learner.java",
                pupil.formatted("@Table(name = \"learners\") @dev.retort.RenamedFrom(\"Pupil\")", "Learner"));
        deleteSource(cli, "Pupil");
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "learners");

        assertThat(r.err()).contains("rename table pupil to learners", "rename table " + oldJoin + " to " + newJoin,
                        "rename column " + newJoin + ".pupil_id to learner_id")
                .doesNotContain("Detected drop", "Detected create table", "Detected add column", "WARNING");
        if (nicknames) {
            assertThat(r.err()).contains("rename table pupil_nicknames to learner_nicknames",
                    "rename column learner_nicknames.pupil_id to learner_id");
        }
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT count(*) FROM " + newJoin + " WHERE learner_id = 1 AND favourites_id = 1"))
                .containsExactly("1");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT count(*) FROM " + oldJoin + " WHERE pupil_id = 1 AND favourites_id = 1"))
                .containsExactly("1");
        if (nicknames) {
            assertThat(cli.column("SELECT nicknames FROM pupil_nicknames WHERE pupil_id = 1")).containsExactly("A.");
        }
    }

    /** Confirmed without {@code @RenamedFrom}, the join column is known by the foreign key to the renamed table. */
    @ParameterizedTest
    @CsvSource({"snake_case, pupil_favourites, learners_favourites", "jpa, pupil_courses, learners_courses"})
    void theJoinTableOfAnEntityRenamedWithARenameOptionFollowsItByItsForeignKey(String naming, String oldJoin,
            String newJoin) {
        Cli cli = project(naming);
        cli.write("src/main/java/com/example/Course.java", entity("@Entity @Table(name = \"courses\")",
                "public class Course { @Id @GeneratedValue private Long id; }\n"));
        String pupil = entity("@Entity %s", """
                public class %s {
                    @Id @GeneratedValue private Long id;
                    @ManyToMany private Set<Course> favourites;
                }
                """);
        cli.write("src/main/java/com/example/Pupil.java", pupil.formatted("", "Pupil"));
        cli.ok("revision", "--autogenerate", "-m", "pupils");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO pupil (id) VALUES (1)");
        cli.execute("INSERT INTO courses (id) VALUES (1)");
        cli.execute("INSERT INTO " + oldJoin + " (pupil_id, favourites_id) VALUES (1, 1)");

        cli.write("src/main/java/com/example/Learner.java",
                pupil.formatted("@Table(name = \"learners\")", "Learner"));
        deleteSource(cli, "Pupil");
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "learners", "--rename", "pupil=learners");

        assertThat(r.err()).contains("rename table " + oldJoin + " to " + newJoin,
                        "rename column " + newJoin + ".pupil_id to learner_id")
                .doesNotContain("Detected drop", "Detected create table", "WARNING");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT count(*) FROM " + newJoin + " WHERE learner_id = 1")).containsExactly("1");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT count(*) FROM " + oldJoin + " WHERE pupil_id = 1")).containsExactly("1");
    }

    @org.junit.jupiter.api.Test
    void aRenameOptionForATableThatFollowsAnywayIsApplied() {
        Cli cli = project("snake_case");
        cli.write("src/main/java/com/example/Author.java", author("@Entity @Table(name = \"authors\")", "Author"));
        cli.write("src/main/java/com/example/Book.java", book("Author"));
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO authors (id, name) VALUES (1, 'Ann')");
        cli.execute("INSERT INTO author_aliases VALUES (1, 'A.')");
        cli.write("src/main/java/com/example/Writer.java", author("@Entity @Table(name = \"writers\")", "Writer"));
        cli.write("src/main/java/com/example/Book.java", book("Writer"));
        deleteAuthor(cli);

        // The second option says what the first implies: it must not be refused as renaming nothing.
        cli.ok("revision", "--autogenerate", "-m", "writers", "--rename", "authors=writers", "--rename",
                "author_aliases=writer_aliases");
        cli.ok("upgrade", "head");
        assertThat(rows(cli, "writers", "writer_aliases", "writers_books")).isEqualTo("Ann | A. | 0");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @ParameterizedTest
    @ValueSource(strings = {"snake_case", "jpa"})
    void aRenamedCollectionTakesItsTableAndColumnsAlong(String naming) {
        Cli cli = project(naming);
        writeTag(cli);
        String author = entity("@Entity @Table(name = \"authors\")", """
                public class Author {
                    @Id @GeneratedValue private Long id;
                    private String name;
                    %s @ElementCollection @OrderColumn private List<String> %s;
                    %s @ManyToMany private Set<Tag> %s;
                }
                """);
        cli.write("src/main/java/com/example/Author.java", author.formatted("", "aliases", "", "tags"));
        upgradeWithAnAuthorItsAliasAndTag(cli);

        cli.write("src/main/java/com/example/Author.java", author.formatted("@dev.retort.RenamedFrom(\"aliases\")",
                "nicknames", "@dev.retort.RenamedFrom(\"tags\")", "labels"));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "nicknames");

        // Spring Boot names the join table after the attribute, Hibernate after both tables.
        String joinTable = naming.equals("snake_case") ? "authors_labels" : "authors_tags";
        assertThat(r.err()).contains("rename table author_aliases to author_nicknames",
                        "rename column " + joinTable + ".tags_id to labels_id")
                .doesNotContain("Detected drop", "Detected create table", "Detected add column", "is ignored");
        cli.ok("upgrade", "head");
        assertThat(rows(cli, "authors", "author_nicknames", joinTable + " WHERE labels_id = 1"))
                .isEqualTo("Ann | A. | 1");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(rows(cli, "authors", "author_aliases", "authors_tags WHERE tags_id = 1"))
                .isEqualTo("Ann | A. | 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"snake_case", "jpa"})
    void aRenamedCollectionInsideAnEmbeddableTakesItsTableAndColumnsAlong(String naming) {
        Cli cli = project(naming);
        writeTag(cli);
        cli.write("src/main/java/com/example/Author.java", entity("@Entity @Table(name = \"authors\")", """
                public class Author {
                    @Id @GeneratedValue private Long id;
                    private String name;
                    @Embedded private Profile profile;
                }
                """));
        String profile = entity("@Embeddable", """
                public class Profile {
                    private String bio;
                    %s @ElementCollection @OrderColumn private List<String> %s;
                    %s @ManyToMany private Set<Tag> %s;
                }
                """);
        cli.write("src/main/java/com/example/Profile.java", profile.formatted("", "aliases", "", "tags"));
        upgradeWithAnAuthorItsAliasAndTag(cli);

        cli.write("src/main/java/com/example/Profile.java", profile.formatted("@dev.retort.RenamedFrom(\"aliases\")",
                "nicknames", "@dev.retort.RenamedFrom(\"tags\")", "labels"));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "nicknames");

        String joinTable = naming.equals("snake_case") ? "authors_labels" : "authors_tags";
        assertThat(r.err()).contains("rename table author_aliases to author_nicknames",
                        "rename column author_nicknames.aliases_order to nicknames_order",
                        "rename column " + joinTable + ".tags_id to labels_id")
                .doesNotContain("Detected drop", "Detected create table", "Detected add column", "is ignored",
                        "WARNING");
        cli.ok("upgrade", "head");
        assertThat(rows(cli, "authors", "author_nicknames", joinTable + " WHERE labels_id = 1"))
                .isEqualTo("Ann | A. | 1");
        assertThat(cli.column("SELECT nicknames_order FROM author_nicknames")).containsExactly("0");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(rows(cli, "authors", "author_aliases", "authors_tags WHERE tags_id = 1"))
                .isEqualTo("Ann | A. | 1");
        assertThat(cli.column("SELECT aliases_order FROM author_aliases")).containsExactly("0");
    }

    /** Named in @CollectionTable as it was named before, or with a name of its own. */
    @ParameterizedTest
    @ValueSource(strings = {"author_aliases", "author_names"})
    void aRenamedCollectionWithANamedTableKeepsItsRows(String table) {
        Cli cli = project("snake_case");
        writeTag(cli);
        String author = entity("@Entity @Table(name = \"authors\")", """
                public class Author {
                    @Id @GeneratedValue private Long id;
                    private String name;
                    %s @ElementCollection %s @OrderColumn private List<String> %s;
                    @ManyToMany private Set<Tag> tags;
                }
                """);
        cli.write("src/main/java/com/example/Author.java", author.formatted("", "", "aliases"));
        upgradeWithAnAuthorItsAliasAndTag(cli);

        cli.write("src/main/java/com/example/Author.java", author.formatted("@dev.retort.RenamedFrom(\"aliases\")",
                "@CollectionTable(name = \"" + table + "\")", "nicknames"));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "nicknames");

        assertThat(r.err()).contains("rename column " + table + ".aliases to nicknames",
                        "rename column " + table + ".aliases_order to nicknames_order")
                .doesNotContain("Detected drop", "Detected create table", "Detected add column", "is ignored",
                        "disappears", "WARNING");
        assertThat(r.err().contains("rename table author_aliases to author_names"))
                .isEqualTo(table.equals("author_names"));
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT nicknames || ' ' || nicknames_order FROM " + table)).containsExactly("A. 0");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT aliases || ' ' || aliases_order FROM author_aliases")).containsExactly("A. 0");
    }

    @Test
    void aRenamedFieldOfAnElementCollectionsEmbeddableKeepsItsValues() {
        Cli cli = project("snake_case");
        String phone = entity("@Embeddable", "public class Phone { %s private String %s; private String kind; }\n");
        cli.write("src/main/java/com/example/Phone.java", phone.formatted("", "num"));
        cli.write("src/main/java/com/example/Author.java", entity("@Entity @Table(name = \"authors\")", """
                public class Author {
                    @Id @GeneratedValue private Long id;
                    @ElementCollection private Set<Phone> phones;
                }
                """));
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO authors (id) VALUES (1)");
        cli.execute("INSERT INTO author_phones (author_id, num, kind) VALUES (1, '555', 'home')");

        cli.write("src/main/java/com/example/Phone.java", phone.formatted("@dev.retort.RenamedFrom(\"num\")",
                "number"));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "number");

        assertThat(r.err()).contains("rename column author_phones.num to number")
                .doesNotContain("Detected drop", "Detected add column", "WARNING");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT number FROM author_phones")).containsExactly("555");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT num FROM author_phones")).containsExactly("555");
    }

    @Test
    void anEntityAndItsCollectionRenamedAtOnceKeepTheCollectionsRows() {
        Cli cli = project("snake_case");
        String author = entity("@Entity @Table(name = \"authors\") %s", """
                public class %s {
                    @Id @GeneratedValue private Long id;
                    private String name;
                    %s @ElementCollection private Set<String> %s;
                }
                """);
        cli.write("src/main/java/com/example/Author.java", author.formatted("", "Author", "", "aliases"));
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO authors (id, name) VALUES (1, 'Ann')");
        cli.execute("INSERT INTO author_aliases VALUES (1, 'A.')");

        deleteAuthor(cli);
        cli.write("src/main/java/com/example/Writer.java", author.formatted("@dev.retort.RenamedFrom(\"Author\")",
                "Writer", "@dev.retort.RenamedFrom(\"aliases\")", "nicknames"));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "writers");

        assertThat(r.err()).contains("rename table author_aliases to writer_nicknames",
                        "rename column writer_nicknames.author_id to writer_id",
                        "rename column writer_nicknames.aliases to nicknames")
                .doesNotContain("Detected drop", "Detected create table", "Two @RenamedFrom", "WARNING");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT nicknames FROM writer_nicknames WHERE writer_id = 1")).containsExactly("A.");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT aliases FROM author_aliases WHERE author_id = 1")).containsExactly("A.");
    }

    /**
     * A table renamed with one of its columns, and a renamed many-to-many whose join table and column change name
     * together, are renamed with --rename alone, each column named by its table's new name.
     */
    @Test
    void aTableAndItsColumnRenamedWithRenameOptionsKeepTheirRowsBothWays() {
        Cli cli = project("snake_case");
        writeTag(cli);
        String person = entity("@Entity @Table(name = \"%s\")", """
                public class Person {
                    @Id @GeneratedValue private Long id;
                    private String %s;
                    @Column(nullable = false) private int age;
                }
                """);
        String client = entity("@Entity", """
                public class Client {
                    @Id @GeneratedValue private Long id;
                    @ManyToMany private Set<Tag> %s;
                }
                """);
        cli.write("src/main/java/com/example/Person.java", person.formatted("person", "fullName"));
        cli.write("src/main/java/com/example/Client.java", client.formatted("favTags"));
        cli.ok("revision", "--autogenerate", "-m", "people");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO tags (id, label) VALUES (1, 'x')");
        cli.execute("INSERT INTO person (id, full_name, age) VALUES (1, 'Ann', 30)");
        cli.execute("INSERT INTO client (id) VALUES (1)");
        cli.execute("INSERT INTO client_fav_tags (client_id, fav_tags_id) VALUES (1, 1)");

        cli.write("src/main/java/com/example/Person.java", person.formatted("human", "displayName"));
        cli.write("src/main/java/com/example/Client.java", client.formatted("favoriteTags"));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "humans", "--rename", "person=human",
                "--rename", "human.full_name=display_name", "--rename", "client_fav_tags=client_favorite_tags",
                "--rename", "client_favorite_tags.fav_tags_id=favorite_tags_id");

        assertThat(r.err()).contains("rename table person to human", "rename column human.full_name to display_name",
                        "rename table client_fav_tags to client_favorite_tags",
                        "rename column client_favorite_tags.fav_tags_id to favorite_tags_id")
                .doesNotContain("Detected drop", "Detected create table", "Detected add column");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT display_name || age FROM human")).containsExactly("Ann30");
        assertThat(cli.column("SELECT favorite_tags_id FROM client_favorite_tags")).containsExactly("1");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT full_name || age FROM person")).containsExactly("Ann30");
        assertThat(cli.column("SELECT fav_tags_id FROM client_fav_tags")).containsExactly("1");
    }

    @Test
    void underGlobalQuotingTheOldNamesKeepTheirCaseAsTheNewOnesDo() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\nnaming = \"jpa\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n"
                + "[models.properties]\nhibernate.globally_quoted_identifiers = \"true\"\n");
        String order = """
                public class %s {
                    @Id @GeneratedValue private Long id;
                    %s private String %s;
                    @ElementCollection private List<String> noteLines;
                }
                """;
        cli.write("src/main/java/com/example/Order.java", entity("@Entity",
                order.formatted("Order", "", "customerName")));
        cli.ok("revision", "--autogenerate", "-m", "orders");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO \"Order\" (id, \"customerName\") VALUES (1, 'Ann')");
        cli.execute("INSERT INTO \"Order_noteLines\" VALUES (1, 'fragile')");

        deleteSource(cli, "Order");
        cli.write("src/main/java/com/example/PurchaseOrder.java", entity("@Entity @dev.retort.RenamedFrom(\"Order\")",
                order.formatted("PurchaseOrder", "@dev.retort.RenamedFrom(\"customerName\")", "clientName")));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "purchase orders");

        assertThat(r.err()).doesNotContain("Detected drop", "Detected add", "warning");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT \"clientName\" || \"noteLines\" FROM \"PurchaseOrder\" "
                + "JOIN \"PurchaseOrder_noteLines\" ON \"PurchaseOrder_id\" = id")).containsExactly("Annfragile");
        assertThat(cli.ok("check").out()).contains("No differences");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT \"customerName\" FROM \"Order\"")).containsExactly("Ann");
    }

    @Test
    void aRenamedFromWhoseOldNameTheDatabaseLacksIsWarnedAbout() {
        Cli cli = project("snake_case");
        cli.write("src/main/java/com/example/Author.java", entity("@Entity", """
                public class Author { @Id @GeneratedValue private Long id; private String name; }
                """));
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");

        deleteAuthor(cli);
        cli.write("src/main/java/com/example/Writer.java", entity("@Entity @dev.retort.RenamedFrom(\"Autor\")", """
                public class Writer {
                    @Id @GeneratedValue private Long id;
                    @dev.retort.RenamedFrom("nmae") private String fullName;
                }
                """));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "writers");

        assertThat(r.err()).contains("warning: @RenamedFrom on com.example.Writer renames nothing: the database has "
                + "no table autor, so writer is created empty.");
        // The column's table is new, so its column is no rename to miss.
        assertThat(r.err()).doesNotContain("Writer.fullName renames nothing");
    }

    /**
     * The old table is there, but the renamed entity gains a column in the same revision: the two do not pair as a
     * rename, and the table was dropped with its rows and the new one created, with no word about the annotation.
     */
    @Test
    void aRenamedFromWhoseTablesDoNotPairIsWarnedAbout() {
        Cli cli = project("snake_case");
        cli.write("src/main/java/com/example/Author.java", entity("@Entity", """
                public class Author { @Id @GeneratedValue private Long id; private String name; }
                """));
        cli.ok("revision", "--autogenerate", "-m", "authors");
        cli.ok("upgrade", "head");

        deleteAuthor(cli);
        cli.write("src/main/java/com/example/Writer.java", entity("@Entity @dev.retort.RenamedFrom(\"Author\")", """
                public class Writer { @Id @GeneratedValue private Long id; private String name; private int age; }
                """));
        Cli.Result r = cli.ok("revision", "--autogenerate", "-m", "writers");

        assertThat(r.err()).contains("warning: @RenamedFrom on com.example.Writer renames nothing: table author of "
                + "the database and writer of the model differ in more than their names, so author is dropped with "
                + "its rows and writer is created empty. Rename the table alone in one revision");
    }

    private static void deleteAuthor(Cli cli) {
        deleteSource(cli, "Author");
    }

    private static void deleteSource(Cli cli, String className) {
        try {
            java.nio.file.Files.delete(cli.project.resolve("src/main/java/com/example/" + className + ".java"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
